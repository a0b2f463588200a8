// npm run bench:restart — a database restart under the running app: QueryFlow as `npm start` runs it,
// on a PostgreSQL of the benchmark's own (DATABASE_URL), with a schedule firing every second. The
// database is stopped for 3 s mid-way. Printed: tick lateness before the restart and after it (the
// schedule alarm must re-open its LISTEN connection, or ticks wait for the 2-s poll), ticks missed or
// doubled, and what the API answered while the database was down.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startAppForBench } from "@/lib/bench/app";
import { percentile } from "@/lib/bench/browser";
import { median, progress, report, round } from "@/lib/bench/report";
import { everySecondSchedule, scheduledRuns, tickCounts } from "@/lib/bench/scheduled-runs";
import { passwordFileOf, startEmbeddedPostgres } from "@/lib/db/embedded";
import { exitWithError } from "../cli";

const PHASE_MS = 12_000;
const OUTAGE_MS = 3_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "queryflow-bench-restart-"));
  chmodSync(dir, 0o755);
  const postgresPort = 5570;
  let database = await startEmbeddedPostgres({ dir, port: postgresPort });
  const app = await startAppForBench({
    port: 3160,
    postgresPort: 5571,
    env: { DATABASE_URL: database.url, SCHEDULE_MIN_INTERVAL_SECONDS: "1" },
  });
  try {
    const api = await app.signUp();
    const { composition, schedule, first } = await everySecondSchedule(api);
    progress(`schedule firing every second; restart after ${PHASE_MS / 1000} s`);
    await sleep(first - Date.now() + PHASE_MS);

    const downAt = Date.now();
    await database.stop();
    progress("database stopped");
    const answers: Record<string, number> = {};
    while (Date.now() - downAt < OUTAGE_MS) {
      const response = await fetch(`${app.baseUrl}/api/templates`, { headers: { cookie: api.cookie } });
      answers[response.status] = (answers[response.status] ?? 0) + 1;
      await sleep(200);
    }
    database = await startEmbeddedPostgres({ dir, port: postgresPort });
    const upAt = Date.now();
    progress("database started again");
    await sleep(5_000 + PHASE_MS);
    const disabledAt = Date.now();
    await api("PATCH", `/api/schedules/${schedule.id}`, { isActive: false });

    const runs = await scheduledRuns(api, composition.id);
    const lateness = (from: number, to: number) =>
      runs
        .filter((run) => Date.parse(run.scheduledFor) >= from && Date.parse(run.scheduledFor) < to)
        .map((run) => Date.parse(run.createdAt) - Date.parse(run.scheduledFor));
    // Up to a second before the stop: the tick due as the database went down starts late by design.
    const before = lateness(first, downAt - 1000);
    // From 5 s after the restart: the ticks of the outage itself start late by design.
    const after = lateness(upAt + 5_000, disabledAt - 1000);
    for (const [name, values] of [
      ["p50", median],
      ["p99", (v: number[]) => percentile(v, 0.99)],
    ] as const) {
      report({
        bench: "restart",
        figure: `lateness_after_restart_${name}`,
        value: round(values(after)),
        unit: "ms",
        better: "lower",
        ...(name === "p99" ? { target: 200 } : {}),
        baseline: { name: `lateness_before_restart_${name}`, value: round(values(before)) },
        runs: after.length,
      });
    }
    const { missed, duplicates } = tickCounts(runs, first, disabledAt);
    report({
      bench: "restart",
      figure: "missed_ticks",
      value: missed,
      unit: "ticks",
      target: 0,
      better: "lower",
    });
    report({
      bench: "restart",
      figure: "duplicate_ticks",
      value: duplicates,
      unit: "ticks",
      target: 0,
      better: "lower",
    });
    const down = Object.values(answers).reduce((sum, n) => sum + n, 0);
    report({
      bench: "restart",
      figure: "api_503_while_down",
      value: answers["503"] ?? 0,
      unit: "responses",
      runs: down,
    });
    report({
      bench: "restart",
      figure: "api_other_5xx_while_down",
      value: Object.entries(answers)
        .filter(([status]) => status >= "500" && status !== "503")
        .reduce((sum, [, n]) => sum + n, 0),
      unit: "responses",
      target: 0,
      better: "lower",
      runs: down,
    });
  } finally {
    await app.stop();
    await database.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(passwordFileOf(dir), { force: true });
  }
}

main().catch(exitWithError);
