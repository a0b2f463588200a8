import { AppError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/session";
import type { Db } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import { isLiveRun, liveNodeStatuses } from "@/lib/db/statuses";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueNode, removeNodeJobs } from "@/lib/jobs/queue";
import { findControllableExecutionOrThrow } from "./access";
import { advanceRun, finaliseRun } from "./advance";
import { upstreamOf, type VersionSnapshot } from "./snapshot";

/**
 * Cancels a live run: pending and queued nodes become cancelled and their jobs are removed; running
 * nodes become cancelled too, and their workers abort them within a heartbeat (a running SQL
 * statement is cancelled in PostgreSQL). The run is final once this returns.
 */
export async function cancelExecution(db: Db, user: SessionUser, executionId: string) {
  const execution = await findControllableExecutionOrThrow(db, user, executionId);
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM composition_executions WHERE id = ${execution.id}::uuid FOR NO KEY UPDATE`;
    const current = await tx.compositionExecution.findUniqueOrThrow({ where: { id: execution.id } });
    if (!isLiveRun(current.status)) {
      throw new AppError({
        code: "conflict",
        message: `The run has already ${current.status === "completed" ? "completed" : `been ${current.status}`}.`,
      });
    }
    const live = await tx.workflowExecution.findMany({
      where: { compositionExecutionId: execution.id, status: { in: [...liveNodeStatuses] } },
      select: { id: true },
    });
    await tx.workflowExecution.updateMany({
      where: { id: { in: live.map((node) => node.id) } },
      data: { status: "cancelled", error: "Cancelled.", finishedAt: new Date() },
    });
    await removeNodeJobs(
      prismaSql(tx),
      live.map((node) => node.id),
    );
    await tx.compositionExecution.update({ where: { id: execution.id }, data: { status: "cancelled" } });
    await tx.executionLog.create({
      data: { compositionExecutionId: execution.id, level: "warn", message: `Cancelled by ${user.name}` },
    });
    await finaliseRun(prismaSql(tx), execution.id);
  });
}

/**
 * Runs the failed, cancelled and skipped nodes of a finished run again, as a new execution linked to
 * it, from the same version. Completed nodes are not re-run: their outputs are copied.
 */
export async function retryExecution(db: Db, user: SessionUser, executionId: string) {
  const original = await findControllableExecutionOrThrow(db, user, executionId);
  if (isLiveRun(original.status)) {
    throw new AppError({
      code: "conflict",
      message: "The run is still going: cancel it or wait for it to finish.",
    });
  }
  if (original.status === "completed")
    throw new AppError({
      code: "conflict",
      message: "Every node of this run completed: there is nothing to retry.",
    });
  const version = await db.compositionVersion.findUniqueOrThrow({ where: { id: original.versionId! } });
  const { document } = version.snapshot as unknown as VersionSnapshot;
  const previous = await db.workflowExecution.findMany({ where: { compositionExecutionId: original.id } });
  const reused = previous.filter((node) => node.status === "completed");

  return db.$transaction(
    async (tx) => {
      const execution = await tx.compositionExecution.create({
        data: {
          compositionId: original.compositionId,
          versionId: original.versionId,
          version: original.version,
          status: "running",
          trigger: original.trigger,
          triggeredById: user.id,
          retryOfId: original.id,
          parameters: original.parameters as Prisma.InputJsonValue,
          totalNodes: previous.length,
          startedAt: new Date(),
        },
      });
      const upstream = upstreamOf(document);
      for (const node of previous) {
        const copy = await tx.workflowExecution.create({
          data: {
            ...upstream(node.compositionNodeId!),
            templateId: node.templateId,
            compositionExecutionId: execution.id,
            compositionNodeId: node.compositionNodeId,
            trigger: node.trigger,
            triggeredById: user.id,
            parameterMappings: node.parameterMappings as Prisma.InputJsonValue,
            maxRetries: node.maxRetries,
            ...(node.status === "completed"
              ? {
                  status: "completed",
                  input: node.input as Prisma.InputJsonValue,
                  inputSources: node.inputSources as Prisma.InputJsonValue,
                  output: node.output as Prisma.InputJsonValue,
                  resultMetadata: node.resultMetadata as Prisma.InputJsonValue,
                  startedAt: node.startedAt,
                  finishedAt: node.finishedAt,
                  durationMs: node.durationMs,
                  attempt: node.attempt,
                }
              : { status: "pending" }),
          },
        });
        if (node.status === "completed") {
          await tx.$executeRaw`
            INSERT INTO node_results (workflow_execution_id, chunk_index, row_offset, row_count, rows)
            SELECT ${copy.id}::uuid, chunk_index, row_offset, row_count, rows FROM node_results
            WHERE workflow_execution_id = ${node.id}::uuid`;
          await tx.executionLog.create({
            data: {
              workflowExecutionId: copy.id,
              level: "info",
              message: `Reused the output of run ${original.id}`,
            },
          });
        }
      }
      const targets = new Set(document.connections.map((c) => c.targetNodeId));
      const roots = await tx.workflowExecution.findMany({
        where: {
          compositionExecutionId: execution.id,
          status: "pending",
          compositionNodeId: { in: document.nodes.map((n) => n.nodeId).filter((id) => !targets.has(id)) },
        },
      });
      for (const root of roots) {
        await tx.workflowExecution.update({ where: { id: root.id }, data: { status: "queued" } });
        await enqueueNode(prismaSql(tx), root.id);
      }
      await tx.executionLog.create({
        data: {
          compositionExecutionId: execution.id,
          level: "info",
          message: `Retry of run ${original.id}: ${reused.length} completed node(s) reused`,
        },
      });
      await advanceRun(
        prismaSql(tx),
        execution.id,
        reused.map((node) => node.compositionNodeId!),
      );
      return execution;
    },
    { timeout: 60_000 },
  );
}
