// npm run bench:schedules — a schedule every second for 30 s on the app as `npm start` runs it (one
// in-process worker): how late each tick's run starts, and how many ticks fired twice or not at all.
import { startAppForBench } from "@/lib/bench/app";
import { percentile } from "@/lib/bench/browser";
import { median, progress, report, round } from "@/lib/bench/report";
import { everySecondSchedule, scheduledRuns, tickCounts } from "@/lib/bench/scheduled-runs";
import { exitWithError } from "../cli";

const SECONDS = 30;

async function main() {
  const app = await startAppForBench({
    port: 3140,
    postgresPort: 5550,
    env: { SCHEDULE_MIN_INTERVAL_SECONDS: "1" },
  });
  try {
    const api = await app.signUp();
    const { composition, schedule, first } = await everySecondSchedule(api);
    progress(`schedule ${schedule.id}: every second from ${schedule.nextRunAt}, for ${SECONDS} s`);
    await new Promise((resolve) => setTimeout(resolve, first - Date.now() + SECONDS * 1000));
    const disabledAt = Date.now();
    await api("PATCH", `/api/schedules/${schedule.id}`, { isActive: false });

    const runs = await scheduledRuns(api, composition.id);
    const lateness = runs.map((run) => Date.parse(run.createdAt) - Date.parse(run.scheduledFor));
    const { expected, missed, duplicates } = tickCounts(runs, first, disabledAt);
    progress(`${runs.length} scheduled runs for ${expected} expected ticks`);

    report({
      bench: "schedules",
      figure: "lateness_p50",
      value: round(median(lateness)),
      unit: "ms",
      runs: lateness.length,
    });
    report({
      bench: "schedules",
      figure: "lateness_p99",
      value: round(percentile(lateness, 0.99)),
      unit: "ms",
      target: 500,
      better: "lower",
      runs: lateness.length,
    });
    report({
      bench: "schedules",
      figure: "duplicate_ticks",
      value: duplicates,
      unit: "ticks",
      target: 0,
      better: "lower",
    });
    report({
      bench: "schedules",
      figure: "missed_ticks",
      value: missed,
      unit: "ticks",
      target: 0,
      better: "lower",
    });
  } finally {
    await app.stop();
  }
}

main().catch(exitWithError);
