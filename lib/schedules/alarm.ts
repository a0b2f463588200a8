import pg from "pg";
import { tasks } from "@/lib/jobs/tasks";

/** Notified (at commit) whenever a schedule's job is added, moved or removed. */
export const SCHEDULES_CHANNEL = "queryflow:schedules";

/** Reconnection delays of the LISTEN connection after it is lost: doubling from 0.5 s up to 15 s. */
const RECONNECT = { firstMs: 500, maxMs: 15_000 };

/**
 * Wakes this process's workers when the earliest schedule job falls due, so a tick starts within
 * milliseconds instead of at graphile-worker's next poll. It re-reads the earliest due time whenever
 * a schedule job changes (a NOTIFY, from any process) and, at that time, sends the same
 * `jobs:insert` notification graphile-worker sends for a new job. Polling remains the fallback.
 *
 * Its LISTEN connection is re-opened whenever it is lost (a database restart, a failover), with
 * backoff, and the due time is read again then: notifications sent meanwhile were missed.
 */
export async function startScheduleAlarm(
  connectionString: string,
  pool: pg.Pool,
): Promise<{ stop(): Promise<void> }> {
  let timer: NodeJS.Timeout | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let listener: pg.Client | undefined;
  let stopped = false;

  const arm = async () => {
    const {
      rows: [next],
    } = await pool.query<{ at: Date | null }>(
      `SELECT min(j.run_at) AS at FROM graphile_worker._private_jobs j
       JOIN graphile_worker._private_tasks t ON t.id = j.task_id
       WHERE t.identifier = $1 AND j.locked_at IS NULL`,
      [tasks.fireSchedule.name],
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

  const listen = async () => {
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      client.end().catch(() => {});
      // A connection that never got to listen is retried by whoever tried to open it, with backoff.
      if (listener !== client) return;
      listener = undefined;
      if (!stopped)
        console.error(`worker: schedule alarm connection lost${error ? `: ${error.message}` : ""}`);
      reconnect(RECONNECT.firstMs);
    };
    client.on("error", onLost);
    client.on("end", () => onLost());
    client.on("notification", rearm);
    await client.connect();
    await client.query(`LISTEN "${SCHEDULES_CHANNEL}"`);
    listener = client;
    await arm();
  };
  const reconnect = (delayMs: number) => {
    if (stopped || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      if (stopped) return;
      listen().then(
        () => console.error("worker: schedule alarm reconnected"),
        () => reconnect(Math.min(delayMs * 2, RECONNECT.maxMs)),
      );
    }, delayMs);
  };

  // A database that is away as the worker starts (a restart mid start-up) leaves the alarm to come
  // later; polling wakes the workers meanwhile, and the worker itself keeps running.
  await listen().catch((error: Error) => {
    console.error(`worker: schedule alarm not listening yet (${error.message}); trying again`);
    reconnect(RECONNECT.firstMs);
  });
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(reconnectTimer);
      await listener?.end();
    },
  };
}
