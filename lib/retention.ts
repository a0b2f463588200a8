import type { Sql } from "@/lib/db/sql";

/** The daily clean-up task, run by graphile-worker's own cron (once a day across all workers). */

/** Rows deleted per statement: short transactions, so live runs never wait long on the clean-up. */
const BATCH = 1000;

/**
 * Deletes runs that finished more than `days` days before `now`, with their node executions,
 * result chunks and logs (by cascade). A run still pending or running is never touched, however
 * old; neither are standalone node executions that have not finished.
 */
export async function pruneOldExecutions(
  sql: Sql,
  days: number,
  now = new Date(),
): Promise<{ runs: number; standalone: number }> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const deleted = { runs: 0, standalone: 0 };
  for (;;) {
    const { rows } = await sql.query<{ id: string }>(
      `DELETE FROM composition_executions WHERE id IN (
         SELECT id FROM composition_executions
         WHERE finished_at < $1 AND status NOT IN ('pending', 'running') LIMIT $2)
       RETURNING id`,
      [cutoff, BATCH],
    );
    deleted.runs += rows.length;
    if (rows.length < BATCH) break;
  }
  for (;;) {
    const { rows } = await sql.query<{ id: string }>(
      `DELETE FROM workflow_executions WHERE id IN (
         SELECT id FROM workflow_executions
         WHERE composition_execution_id IS NULL AND finished_at < $1
           AND status NOT IN ('pending', 'queued', 'running') LIMIT $2)
       RETURNING id`,
      [cutoff, BATCH],
    );
    deleted.standalone += rows.length;
    if (rows.length < BATCH) break;
  }
  return deleted;
}

/**
 * Deletes better-auth's rate-limit counters idle for longer than a day (or the rate-limit window,
 * when that is longer): they no longer limit anything.
 */
export async function pruneIdleRateLimits(
  sql: Sql,
  windowSeconds: number,
  now = new Date(),
): Promise<number> {
  const idleMs = Math.max(86_400, windowSeconds) * 1000;
  const { rows } = await sql.query<{ id: string }>(
    "DELETE FROM rate_limits WHERE last_request < $1 RETURNING id",
    [now.getTime() - idleMs],
  );
  return rows.length;
}
