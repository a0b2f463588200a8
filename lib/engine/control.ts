import { AppError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/user";
import type { Db } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import { removeNodeJobs } from "@/lib/jobs/queue";
import { isLiveRun, liveNodeStatuses } from "@/lib/statuses";
import { findControllableExecutionOrThrow } from "./access";
import { advanceRun, finaliseRun } from "./advance";
import { writeRunRows } from "./run-rows";
import { findSnapshot } from "./snapshot";
import { needsToWait } from "./start-run";

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
  const { document } = await findSnapshot(db, original.versionId!);
  const previous = await db.workflowExecution.findMany({ where: { compositionExecutionId: original.id } });
  const reused = previous.filter((node) => node.status === "completed");

  return db.$transaction(
    async (tx) => {
      const composition = await tx.composition.findUniqueOrThrow({
        where: { id: original.compositionId },
        select: { id: true, name: true, settings: true },
      });
      // Under the composition's concurrency limit a retry queues like any run; a slot starts it.
      const waiting = await needsToWait(tx, composition);
      const execution = await writeRunRows(
        tx,
        {
          compositionId: original.compositionId,
          versionId: original.versionId!,
          version: original.version,
          trigger: original.trigger,
          triggeredById: user.id,
          retryOfId: original.id,
          parameters: original.parameters as Record<string, unknown>,
          waiting,
        },
        document,
        previous.map((node) => ({
          nodeId: node.compositionNodeId!,
          templateId: node.templateId,
          maxRetries: node.maxRetries,
          reused: node.status === "completed" ? node : undefined,
        })),
        `Retry of run ${original.id}: ${reused.length} completed node(s) reused`,
      );
      if (waiting) await tx.$queryRaw`SELECT queryflow_promote_waiting(${composition.id}::uuid)`;
      else
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
