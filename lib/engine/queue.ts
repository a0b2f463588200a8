import { runMigrations } from "graphile-worker";
import { z } from "zod";
import type { Sql } from "./sql";

/** graphile-worker task identifiers and their payloads (the worker catalog). */
export const RUN_NODE = "run_node";
export const runNodePayloadSchema = z.object({ nodeExecutionId: z.uuid() });

/** Installs or upgrades graphile-worker's schema, so jobs can be added before any worker starts. */
export async function installJobQueue(connectionString: string): Promise<void> {
  await runMigrations({ connectionString });
}

const jobKey = (nodeExecutionId: string) => `node:${nodeExecutionId}`;

/**
 * Adds the job that runs one node execution, inside the caller's transaction: the job exists exactly
 * when the transaction that made the node runnable commits. Keyed by the node execution, so adding
 * it again replaces rather than duplicates it.
 */
export async function enqueueNode(sql: Sql, nodeExecutionId: string, runAt?: Date): Promise<void> {
  await sql.query(
    `SELECT 1 AS added FROM graphile_worker.add_job($1, json_build_object('nodeExecutionId', $2::text),
       run_at => $3::timestamptz, max_attempts => 25, job_key => $4)`,
    [RUN_NODE, nodeExecutionId, runAt ?? null, jobKey(nodeExecutionId)],
  );
}

/** Marks a pending node execution queued and adds its job, in one statement. */
export async function queueNode(sql: Sql, nodeExecutionId: string): Promise<void> {
  await sql.query(
    `WITH queued AS (UPDATE workflow_executions SET status = 'queued', updated_at = now() WHERE id = $2::uuid RETURNING id)
     SELECT 1 AS added FROM queued, graphile_worker.add_job($1, json_build_object('nodeExecutionId', $2::text),
       max_attempts => 25, job_key => $3)`,
    [RUN_NODE, nodeExecutionId, jobKey(nodeExecutionId)],
  );
}

/** Removes the jobs of node executions that will not run (cancelled); locked (running) jobs stay. */
export async function removeNodeJobs(sql: Sql, nodeExecutionIds: string[]): Promise<void> {
  for (const id of nodeExecutionIds) {
    await sql.query("SELECT 1 AS removed FROM graphile_worker.remove_job($1)", [jobKey(id)]);
  }
}
