// npm run bench:schedules — a schedule every second for 30 s on the app as `npm start` runs it (one
// in-process worker): how late each tick's run starts, and how many ticks fired twice or not at all.
import { startAppForBench } from "@/lib/bench/app";
import { percentile } from "@/lib/bench/browser";
import { median, progress, report, round } from "@/lib/bench/report";

const SECONDS = 30;

async function main() {
  const app = await startAppForBench({
    port: 3140,
    postgresPort: 5550,
    env: { SCHEDULE_MIN_INTERVAL_SECONDS: "1" },
  });
  try {
    const api = await app.signUp();
    const composition = await api("POST", "/api/compositions", {
      name: "Every second",
      nodes: [{ nodeId: "a", templateId: "echo" }],
    });
    const schedule = await api("POST", "/api/schedules", {
      compositionId: composition.id,
      cronExpression: "* * * * * *",
    });
    const first = Date.parse(schedule.nextRunAt);
    progress(`schedule ${schedule.id}: every second from ${schedule.nextRunAt}, for ${SECONDS} s`);
    await new Promise((resolve) => setTimeout(resolve, first - Date.now() + SECONDS * 1000));
    const disabledAt = Date.now();
    await api("PATCH", `/api/schedules/${schedule.id}`, { isActive: false });

    type Run = { scheduledFor: string; createdAt: string };
    const runs: Run[] = [];
    for (let before: string | null = null; ; ) {
      const page = (await api(
        "GET",
        `/api/compositions/${composition.id}/executions?trigger=schedule&limit=100${before ? `&before=${before}` : ""}`,
      )) as { items: Run[]; nextCursor: string | null };
      runs.push(...page.items);
      if (!page.nextCursor) break;
      before = page.nextCursor;
    }
    const ticks = runs.map((run) => Date.parse(run.scheduledFor));
    const lateness = runs.map((run) => Date.parse(run.createdAt) - Date.parse(run.scheduledFor));
    // Every whole second from the first tick to a second before disabling is a tick that should have run.
    const expected: number[] = [];
    for (let tick = first; tick <= disabledAt - 1000; tick += 1000) expected.push(tick);
    const fired = new Set(ticks);
    const missed = expected.filter((tick) => !fired.has(tick)).length;
    const duplicates = ticks.length - fired.size;
    progress(`${runs.length} scheduled runs for ${expected.length} expected ticks`);

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

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
