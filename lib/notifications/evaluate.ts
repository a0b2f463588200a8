import type { Db } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import { enqueueTask } from "@/lib/jobs/queue";
import type { TaskPayload } from "@/lib/jobs/tasks";
import type { NotificationEvent } from "./schema";

// Which notifications a finished run makes: per rule that concerns it, the events it is an instance
// of — each a delivery, once (unique per rule, run and event), sent by its own job.

/** A finished run as the rules see it, and the runs before it in each rule's scope. */
interface FinishedRun {
  id: string;
  status: string;
  durationMs: number | null;
  finishedAt: Date;
  compositionId: string | null;
  workflowId: string | null;
  scheduleId: string | null;
}

/** Outcomes that count for recovery and streaks (a cancelled run is neither). */
const DECIDED = ["completed", "failed"];

async function loadRun(db: Db, payload: TaskPayload<"notifyRun">): Promise<FinishedRun | null> {
  if ("compositionExecutionId" in payload) {
    const run = await db.compositionExecution.findUnique({ where: { id: payload.compositionExecutionId } });
    return run?.finishedAt ? { ...run, finishedAt: run.finishedAt, workflowId: null } : null;
  }
  const run = await db.workflowExecution.findUnique({ where: { id: payload.workflowExecutionId } });
  if (!run?.finishedAt || !run.workflowId) return null;
  const schedule =
    run.trigger === "schedule"
      ? await db.schedule.findFirst({ where: { workflowId: run.workflowId }, select: { id: true } })
      : null;
  return {
    ...run,
    finishedAt: run.finishedAt,
    compositionId: null,
    workflowId: run.workflowId,
    scheduleId: schedule?.id ?? null,
  };
}

/** The statuses of the decided runs in a rule's scope up to this one, newest first. */
async function recentStatuses(
  db: Db,
  run: FinishedRun,
  scope: { compositionId?: string | null; workflowId?: string | null; scheduleId?: string | null },
  take: number,
): Promise<string[]> {
  const where = { finishedAt: { lte: run.finishedAt }, status: { in: DECIDED } };
  const order = [{ finishedAt: "desc" as const }, { id: "desc" as const }];
  if (run.workflowId) {
    const rows = await db.workflowExecution.findMany({
      where: { ...where, workflowId: run.workflowId, ...(scope.scheduleId ? { trigger: "schedule" } : {}) },
      orderBy: order,
      take,
      select: { status: true },
    });
    return rows.map((row) => row.status);
  }
  const rows = await db.compositionExecution.findMany({
    where: {
      ...where,
      ...(scope.scheduleId ? { scheduleId: scope.scheduleId } : { compositionId: run.compositionId! }),
    },
    orderBy: order,
    take,
    select: { status: true },
  });
  return rows.map((row) => row.status);
}

/**
 * Evaluates the enabled rules that concern a finished run, makes a delivery per matching event
 * (skipping those made already: a job tried again adds none) and enqueues each one's sending, in one
 * transaction.
 */
export async function evaluateRun(db: Db, payload: TaskPayload<"notifyRun">): Promise<number> {
  const run = await loadRun(db, payload);
  if (!run) return 0;
  const rules = await db.notificationRule.findMany({
    where: {
      enabled: true,
      OR: [
        ...(run.compositionId ? [{ compositionId: run.compositionId }] : []),
        ...(run.workflowId ? [{ workflowId: run.workflowId }] : []),
        ...(run.scheduleId ? [{ scheduleId: run.scheduleId }] : []),
      ],
    },
  });
  const planned: { ruleId: string; event: NotificationEvent }[] = [];
  for (const rule of rules) {
    const wanted = new Set(rule.events);
    const events: NotificationEvent[] = [];
    if (run.status === "failed") events.push("failure");
    if (run.status === "completed") events.push("success");
    if (rule.slowAfterMs && run.durationMs !== null && run.durationMs > rule.slowAfterMs) events.push("slow");
    if (run.status === "completed" && wanted.has("recovery")) {
      const [, previous] = await recentStatuses(db, run, rule, 2);
      if (previous === "failed") events.push("recovery");
    }
    if (run.status === "failed" && rule.consecutiveFailures && wanted.has("consecutive_failures")) {
      // Exactly when the streak reaches N: the N newest failed, the one before them did not.
      const n = rule.consecutiveFailures;
      const statuses = await recentStatuses(db, run, rule, n + 1);
      if (
        statuses.length >= n &&
        statuses.slice(0, n).every((s) => s === "failed") &&
        statuses[n] !== "failed"
      )
        events.push("consecutive_failures");
    }
    for (const event of events) if (wanted.has(event)) planned.push({ ruleId: rule.id, event });
  }
  if (!planned.length) return 0;
  const runColumn = run.workflowId ? "workflowExecutionId" : "compositionExecutionId";
  const owners = new Map(rules.map((rule) => [rule.id, rule.ownerId]));
  return db.$transaction(async (tx) => {
    let made = 0;
    for (const { ruleId, event } of planned) {
      const [created] = await tx.notificationDelivery.createManyAndReturn({
        data: [{ ruleId, event, [runColumn]: run.id }],
        skipDuplicates: true,
        select: { id: true },
      });
      if (!created) continue;
      await enqueueTask(
        prismaSql(tx),
        "deliverNotification",
        { deliveryId: created.id },
        `delivery:${created.id}`,
        // One user's deliveries are sent one after another: however many rules fire, they hold one
        // worker slot, and other users' runs and notifications go on beside them.
        `notifications:${owners.get(ruleId)}`,
      );
      made += 1;
    }
    return made;
  });
}
