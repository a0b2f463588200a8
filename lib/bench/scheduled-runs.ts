import type { startAppForBench } from "./app";

type Api = Awaited<ReturnType<Awaited<ReturnType<typeof startAppForBench>>["signUp"]>>;
/** A one-node composition with a schedule firing every second; the first tick's time in ms. */
export async function everySecondSchedule(api: Api) {
  const composition = await api("POST", "/api/compositions", {
    name: "Every second",
    nodes: [{ nodeId: "a", templateId: "echo" }],
  });
  const schedule = await api("POST", "/api/schedules", {
    compositionId: composition.id,
    cronExpression: "* * * * * *",
  });
  return { composition, schedule, first: Date.parse(schedule.nextRunAt) };
}

export type ScheduledRun = { scheduledFor: string; createdAt: string };

/** Every scheduled run of a composition, through the API's pages. */
export async function scheduledRuns(api: Api, compositionId: string): Promise<ScheduledRun[]> {
  const runs: ScheduledRun[] = [];
  for (let cursor: string | null = null; ; ) {
    const page = (await api(
      "GET",
      `/api/compositions/${compositionId}/executions?trigger=schedule&limit=100${cursor ? `&cursor=${cursor}` : ""}`,
    )) as { items: ScheduledRun[]; nextCursor: string | null };
    runs.push(...page.items);
    if (!page.nextCursor) return runs;
    cursor = page.nextCursor;
  }
}

/**
 * For a schedule firing every second from `first` until it was disabled: how many ticks should have
 * run (every whole second up to a second before disabling), how many did not, and how many ran twice.
 */
export function tickCounts(runs: ScheduledRun[], first: number, disabledAt: number) {
  const ticks = runs.map((run) => Date.parse(run.scheduledFor));
  const expected: number[] = [];
  for (let tick = first; tick <= disabledAt - 1000; tick += 1000) expected.push(tick);
  const fired = new Set(ticks);
  return {
    expected: expected.length,
    missed: expected.filter((tick) => !fired.has(tick)).length,
    duplicates: ticks.length - fired.size,
  };
}
