import { runMigrations } from "graphile-worker";
import { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";

/** graphile-worker task identifiers and their payloads (the worker catalog). */
export const RUN_NODE = "run_node";
export const runNodePayloadSchema = z.object({ nodeExecutionId: z.uuid() });

/** Installs or upgrades graphile-worker's schema, so jobs can be added before any worker starts. */
export async function installJobQueue(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, logger: undefined });
}

const jobKey = (nodeExecutionId: string) => `node:${nodeExecutionId}`;

/**
 * Adds the job that runs one node execution, inside the caller's transaction: the job exists exactly
 * when the transaction that made the node runnable commits. Keyed by the node execution, so adding
 * it again replaces rather than duplicates it.
 */
export async function enqueueNode(tx: DbOrTx, nodeExecutionId: string, runAt?: Date): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM graphile_worker.add_job(
    ${RUN_NODE}, json_build_object('nodeExecutionId', ${nodeExecutionId}::text),
    run_at => ${runAt ?? null}::timestamptz, max_attempts => 25, job_key => ${jobKey(nodeExecutionId)})`;
}

/** Removes the jobs of node executions that will not run (cancelled); locked (running) jobs stay. */
export async function removeNodeJobs(tx: DbOrTx, nodeExecutionIds: string[]): Promise<void> {
  for (const id of nodeExecutionIds) await tx.$queryRaw`SELECT graphile_worker.remove_job(${jobKey(id)})`;
}
