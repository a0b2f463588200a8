import pg from "pg";
import { FIRE_SCHEDULE } from "./schema";

/** Notified (at commit) whenever a schedule's job is added, moved or removed. */
export const SCHEDULES_CHANNEL = "queryflow:schedules";

/**
 * Wakes this process's workers when the earliest schedule job falls due, so a tick starts within
 * milliseconds instead of at graphile-worker's next poll. It re-reads the earliest due time whenever
 * a schedule job changes (a NOTIFY, from any process) and, at that time, sends the same
 * `jobs:insert` notification graphile-worker sends for a new job. Polling remains the fallback.
 */
export async function startScheduleAlarm(
  connectionString: string,
  pool: pg.Pool,
): Promise<{ stop(): Promise<void> }> {
  const listener = new pg.Client({ connectionString });
  listener.on("error", (error) => console.error(`worker: schedule alarm connection lost: ${error.message}`));
  await listener.connect();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const arm = async () => {
    const {
      rows: [next],
    } = await pool.query<{ at: Date | null }>(
      `SELECT min(j.run_at) AS at FROM graphile_worker._private_jobs j
       JOIN graphile_worker._private_tasks t ON t.id = j.task_id
       WHERE t.identifier = $1 AND j.locked_at IS NULL`,
      [FIRE_SCHEDULE],
    );
    clearTimeout(timer);
    if (stopped || !next?.at) return;
    // A few milliseconds late on purpose: a worker asking a hair early would find nothing due.
    timer = setTimeout(() => void wake(), Math.max(0, next.at.getTime() - Date.now() + 5));
  };
  const wake = async () => {
    await pool
      .query(`SELECT pg_notify('jobs:insert', json_build_object('r', random(), 'count', 1)::text)`)
      .catch((error: Error) => console.error(`worker: schedule alarm failed: ${error.message}`));
  };
  const rearm = () =>
    void arm().catch((error: Error) => console.error(`worker: schedule alarm failed: ${error.message}`));

  listener.on("notification", rearm);
  await listener.query(`LISTEN "${SCHEDULES_CHANNEL}"`);
  await arm();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await listener.end();
    },
  };
}
