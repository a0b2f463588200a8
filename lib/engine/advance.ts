import type { Sql } from "@/lib/db/sql";

/**
 * After nodes finished, in the caller's transaction: queues each dependent whose upstream nodes
 * have all finished (skipping, and passing the skip on, where a required one did not complete) and
 * finalises the run when nothing is left to do. Runs in PostgreSQL (queryflow_advance_run, in the
 * engine_advance_in_sql migration): it must read statuses after taking the run's lock, in one
 * round trip.
 */
export async function advanceRun(sql: Sql, executionId: string, finishedNodeIds: string[]): Promise<void> {
  await sql.query("SELECT 1 AS advanced FROM queryflow_advance_run($1::uuid, $2::text[])", [
    executionId,
    finishedNodeIds,
  ]);
}

/** Sets the master execution's final status, counts and timings from its node executions, once. */
export async function finaliseRun(sql: Sql, executionId: string): Promise<void> {
  await sql.query("SELECT 1 AS finalised FROM queryflow_finalise_run($1::uuid)", [executionId]);
}
