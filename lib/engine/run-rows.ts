import type { CompositionDocument } from "@/lib/compositions/schema";
import type { DbOrTx } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import type { Prisma, WorkflowExecution } from "@/lib/generated/prisma/client";
import { enqueueNode } from "@/lib/jobs/queue";
import { upstreamOf } from "./snapshot";

/**
 * The one place that writes a run's rows — a new run and a retry alike: the master row, one row per
 * node (a root queued with its job, a node whose output is reused completed, the rest pending), and
 * the run's first log line.
 */

/** The nodes no connection points at: they start a run. */
export function rootNodeIds(document: Pick<CompositionDocument, "nodes" | "connections">): Set<string> {
  const targets = new Set(document.connections.map((connection) => connection.targetNodeId));
  return new Set(document.nodes.map((node) => node.nodeId).filter((id) => !targets.has(id)));
}

export interface RunRow {
  compositionId: string;
  versionId: string;
  version: number;
  trigger: string;
  triggeredById: string | null;
  parameters: Record<string, unknown>;
  scheduleId?: string | null;
  scheduledFor?: Date | null;
  retryOfId?: string | null;
  /** For a backfill's run: the backfill (its tick is scheduledFor). */
  backfillId?: string | null;
  /** The run waits for a slot under its composition's concurrency limit: nothing is enqueued yet. */
  waiting?: boolean;
}

export interface NodeRow {
  nodeId: string;
  templateId: string;
  maxRetries: number;
  /** A completed node execution of an earlier run whose output this run takes over. */
  reused?: WorkflowExecution;
}

export async function writeRunRows(
  tx: DbOrTx,
  run: RunRow,
  document: Pick<CompositionDocument, "nodes" | "connections">,
  nodes: NodeRow[],
  firstLogLine: string,
) {
  const { waiting, ...fields } = run;
  const execution = await tx.compositionExecution.create({
    data: {
      ...fields,
      parameters: run.parameters as Prisma.InputJsonValue,
      totalNodes: nodes.length,
      ...(waiting
        ? { status: "pending", waitingSince: new Date() }
        : { status: "running", startedAt: new Date() }),
    },
  });
  const upstream = upstreamOf(document);
  const roots = rootNodeIds(document);
  const rows = await tx.workflowExecution.createManyAndReturn({
    data: nodes.map(({ nodeId, templateId, maxRetries, reused }) => ({
      ...upstream(nodeId),
      templateId,
      compositionExecutionId: execution.id,
      compositionNodeId: nodeId,
      trigger: run.trigger,
      triggeredById: run.triggeredById,
      maxRetries,
      ...(reused
        ? {
            status: "completed",
            input: reused.input as Prisma.InputJsonValue,
            inputSources: reused.inputSources as Prisma.InputJsonValue,
            output: reused.output as Prisma.InputJsonValue,
            resultMetadata: reused.resultMetadata as Prisma.InputJsonValue,
            startedAt: reused.startedAt,
            finishedAt: reused.finishedAt,
            durationMs: reused.durationMs,
            attempt: reused.attempt,
          }
        : { status: roots.has(nodeId) && !waiting ? "queued" : "pending" }),
    })),
    select: { id: true, compositionNodeId: true, status: true },
  });
  for (const row of rows) if (row.status === "queued") await enqueueNode(prismaSql(tx), row.id);
  for (const { nodeId, reused } of nodes) {
    if (!reused) continue;
    const copy = rows.find((row) => row.compositionNodeId === nodeId)!;
    // The reused result's file (postgres store; an S3 object is shared by its key), or its rows as
    // JSON chunks from a run before the result store.
    await tx.$executeRaw`
      INSERT INTO result_files (workflow_execution_id, bytes)
      SELECT ${copy.id}::uuid, bytes FROM result_files WHERE workflow_execution_id = ${reused.id}::uuid`;
    await tx.$executeRaw`
      INSERT INTO node_results (workflow_execution_id, chunk_index, row_offset, row_count, rows)
      SELECT ${copy.id}::uuid, chunk_index, row_offset, row_count, rows FROM node_results
      WHERE workflow_execution_id = ${reused.id}::uuid`;
    await tx.executionLog.create({
      data: {
        workflowExecutionId: copy.id,
        level: "info",
        message: `Reused the output of run ${reused.compositionExecutionId}`,
      },
    });
  }
  await tx.executionLog.create({
    data: { compositionExecutionId: execution.id, level: "info", message: firstLogLine },
  });
  return execution;
}
