import type { DbOrTx } from "@/lib/db/client";
import { enqueueNode } from "./queue";
import { loadRunPlan } from "./snapshot";

const FINISHED = new Set(["completed", "failed", "skipped", "cancelled"]);
const UNSUCCESSFUL = new Set(["failed", "skipped", "cancelled"]);

/**
 * After a node finished, in the caller's transaction: decides every dependent whose upstream nodes
 * have all finished — queued (its job added) when every required upstream completed, skipped
 * otherwise, which is passed on downstream — and finalises the run when nothing is left to do.
 * The master row is locked first, so concurrent finishers of one fan-in decide it exactly once.
 * FOR NO KEY UPDATE, not FOR UPDATE: inserting a log line takes a key-share lock on this row (its
 * foreign key), and two finishers each holding one while asking for FOR UPDATE would deadlock.
 */
export async function advanceRun(tx: DbOrTx, executionId: string, finishedNodeIds: string[]): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM composition_executions WHERE id = ${executionId}::uuid FOR NO KEY UPDATE`;
  const { incoming, outgoing } = await loadRunPlan(tx, executionId);
  const execution = await tx.compositionExecution.findUniqueOrThrow({
    where: { id: executionId },
    select: { status: true },
  });
  const rows = await tx.workflowExecution.findMany({
    where: { compositionExecutionId: executionId },
    select: { id: true, compositionNodeId: true, status: true },
  });
  const byNode = new Map(rows.map((row) => [row.compositionNodeId!, row]));

  const running = execution.status === "running";
  const work = [...finishedNodeIds];
  while (work.length) {
    for (const dependent of outgoing.get(work.pop()!) ?? []) {
      const row = byNode.get(dependent)!;
      if (row.status !== "pending") continue;
      const upstream = incoming.get(dependent) ?? [];
      if (!upstream.every(({ source }) => FINISHED.has(byNode.get(source)!.status))) continue;
      const blocker = upstream.find(
        ({ source, isRequired }) => isRequired && UNSUCCESSFUL.has(byNode.get(source)!.status),
      );
      if (blocker || !running) {
        const reason = blocker
          ? `Skipped: required upstream node "${blocker.source}" ${byNode.get(blocker.source)!.status}.`
          : "Skipped: the run was cancelled.";
        row.status = blocker ? "skipped" : "cancelled";
        await tx.workflowExecution.update({
          where: { id: row.id },
          data: { status: row.status, error: reason, finishedAt: new Date() },
        });
        await tx.executionLog.create({
          data: { workflowExecutionId: row.id, level: "info", message: reason },
        });
        work.push(dependent);
      } else {
        row.status = "queued";
        await tx.workflowExecution.update({ where: { id: row.id }, data: { status: "queued" } });
        await enqueueNode(tx, row.id);
      }
    }
  }

  if (rows.every((row) => FINISHED.has(row.status))) await finaliseRun(tx, executionId);
}

/** Sets the master execution's final status, counts and timings from its node executions. */
export async function finaliseRun(tx: DbOrTx, executionId: string): Promise<void> {
  const execution = await tx.compositionExecution.findUniqueOrThrow({ where: { id: executionId } });
  if (!["pending", "running"].includes(execution.status) && execution.finishedAt) return;
  const rows = await tx.workflowExecution.findMany({
    where: { compositionExecutionId: executionId },
    select: { status: true, error: true, compositionNodeId: true },
  });
  const count = (status: string) => rows.filter((row) => row.status === status).length;
  const failed = rows.find((row) => row.status === "failed");
  const status = failed
    ? "failed"
    : execution.status === "cancelled" || count("cancelled")
      ? "cancelled"
      : "completed";
  const finishedAt = new Date();
  await tx.compositionExecution.update({
    where: { id: executionId },
    data: {
      status,
      completedNodes: count("completed"),
      failedNodes: count("failed"),
      skippedNodes: count("skipped"),
      cancelledNodes: count("cancelled"),
      error: failed ? `Node "${failed.compositionNodeId}" failed: ${failed.error}` : null,
      finishedAt,
      durationMs: execution.startedAt ? finishedAt.getTime() - execution.startedAt.getTime() : null,
    },
  });
  await tx.executionLog.create({
    data: {
      compositionExecutionId: executionId,
      level: status === "failed" ? "error" : "info",
      message: `Run ${status}`,
    },
  });
}
