import { runMigrations } from "graphile-worker";
import type { Sql } from "@/lib/db/sql";
import { type TaskKey, type TaskPayload, tasks } from "./tasks";

/** Installs or upgrades graphile-worker's schema, so jobs can be added before any worker starts. */
export async function installJobQueue(connectionString: string): Promise<void> {
  await runMigrations({ connectionString });
}

/**
 * Adds the job that runs one node execution, inside the caller's transaction: the job exists exactly
 * when the transaction that made the node runnable commits. Keyed by the node execution, so adding
 * it again replaces rather than duplicates it.
 */
export async function enqueueNode(sql: Sql, nodeExecutionId: string, runAt?: Date): Promise<void> {
  await sql.query("SELECT queryflow_enqueue_node($1::uuid, $2::timestamptz) AS job_id", [
    nodeExecutionId,
    runAt ?? null,
  ]);
}

/**
 * Puts a node's job back behind the jobs that are due (graphile-worker's priority 1; 0 is the
 * default), replacing the job keyed by the node as `enqueueNode` does: a node whose user holds their
 * share of a worker's slots waits without taking other users' turns.
 */
export async function requeueBehind(sql: Sql, nodeExecutionId: string): Promise<void> {
  await sql.query("SELECT queryflow_enqueue_node($1::uuid, NULL, 1) AS job_id", [nodeExecutionId]);
}

/**
 * Adds a job of the task catalog inside the caller's transaction; one with the same key is replaced,
 * not doubled. Jobs of one named `queue` run one at a time (graphile-worker's job queues), so work
 * that fans out (a user's many notifications) holds one worker slot, not all of them.
 */
export async function enqueueTask<K extends TaskKey>(
  sql: Sql,
  key: K,
  payload: TaskPayload<K>,
  jobKey: string,
  queue?: string,
): Promise<void> {
  const task = tasks[key];
  await sql.query(
    "SELECT (graphile_worker.add_job($1, $2::json, max_attempts => $3, job_key => $4, queue_name => $5)).id AS job_id",
    [task.name, JSON.stringify(payload), task.maxAttempts, jobKey, queue ?? null],
  );
}

/** Removes the jobs of node executions that will not run (cancelled); locked (running) jobs stay. */
export async function removeNodeJobs(sql: Sql, nodeExecutionIds: string[]): Promise<void> {
  await sql.query("SELECT queryflow_remove_node_jobs($1::uuid[]) AS removed", [nodeExecutionIds]);
}
