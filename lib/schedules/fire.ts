import type { Db } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import { insertRunWithinQuota, type PreparedRun, prepareRun, unlessOverQuota } from "@/lib/engine/start-run";
import { tasks } from "@/lib/jobs/tasks";
import { assertRunQuota } from "@/lib/quotas";
import { liveNodeStatuses, liveRunStatuses } from "@/lib/statuses";
import { checkWorkflowRunnable, insertWorkflowRun } from "@/lib/workflows/service";
import { nextRun } from "./cron";
import { syncScheduleJob } from "./queue";

export type FireOutcome = "fired" | "stale" | "skipped_overlap" | "skipped_missed" | "refused";

/**
 * The fire_schedule task: starts the run for one tick and queues the next tick, in one transaction
 * under the schedule's row lock, so each tick starts at most one run however many workers there are
 * (and the unique index on (schedule_id, scheduled_for) says so too).
 *
 * A tick is *missed* when it is picked up more than `misfireMs` late (the workers were down): the
 * `missed_run_policy` then fires none (`skip`) or one run now (`run_once`), and the schedule moves
 * on to its next future tick. A tick that is late but within that threshold (a busy machine) still
 * fires, and the ticks after it follow one by one, so load alone never loses a tick. With
 * `overlap_policy` `skip`, a tick is dropped while the schedule's previous run is still live.
 */
export async function fireSchedule(
  db: Db,
  payload: unknown,
  options: { misfireMs: number; now?: Date },
): Promise<{ outcome: FireOutcome; next: Date | null }> {
  const now = options.now ?? new Date();
  const { scheduleId, at } = tasks.fireSchedule.payload.parse(payload);
  const tick = new Date(at);
  const schedule = await db.schedule.findUnique({ where: { id: scheduleId } });
  if (!schedule?.isActive || schedule.nextRunAt?.getTime() !== tick.getTime())
    return { outcome: "stale", next: null };

  const missed = now.getTime() - tick.getTime() > options.misfireMs;
  const next = nextRun(schedule.cronExpression, schedule.timezone, missed ? now : tick);
  let outcome: FireOutcome = missed && schedule.missedRunPolicy === "skip" ? "skipped_missed" : "fired";

  let prepared: PreparedRun | null = null;
  let refusal: string | null = null;
  const refuse = (error: Error) => {
    console.error(`schedule ${scheduleId}: the tick ${at} was not run: ${error.message}`);
    outcome = "refused";
    refusal = error.message;
    return null;
  };
  if (outcome === "fired" && schedule.compositionId) {
    const parameters = schedule.compositionParameters as Record<string, unknown>;
    prepared = await prepareRun(db, null, { id: schedule.compositionId }, parameters).catch(refuse);
  }
  if (outcome === "fired" && schedule.workflowId) {
    await checkWorkflowRunnable(db, schedule.workflowId).catch(refuse);
  }

  const applied = await db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ next_run_at: Date | null; is_active: boolean }[]>`
      SELECT next_run_at, is_active FROM workflow_schedules WHERE id = ${scheduleId}::uuid FOR UPDATE`;
    if (!locked?.is_active || locked.next_run_at?.getTime() !== tick.getTime()) return false;
    if (outcome === "fired" && schedule.overlapPolicy === "skip") {
      const live = schedule.workflowId
        ? await tx.workflowExecution.count({
            where: {
              workflowId: schedule.workflowId,
              trigger: "schedule",
              status: { in: [...liveNodeStatuses] },
            },
          })
        : await tx.compositionExecution.count({
            where: { scheduleId, status: { in: [...liveRunStatuses] } },
          });
      if (live) outcome = "skipped_overlap";
    }
    // The quota is counted in this transaction, with the run it admits: past it, the tick is refused.
    const overQuota = (error: unknown) => refuse(unlessOverQuota(error) ?? (error as Error));
    if (outcome === "fired" && schedule.workflowId) {
      const workflow = await tx.workflow.findUniqueOrThrow({ where: { id: schedule.workflowId } });
      await assertRunQuota(tx, { userId: schedule.createdById })
        .then(() => insertWorkflowRun(tx, workflow, { userId: schedule.createdById, trigger: "schedule" }))
        .catch(overQuota);
    }
    if (outcome === "fired" && prepared) {
      await insertRunWithinQuota(tx, schedule.createdById, prepared, {
        parameters: schedule.compositionParameters as Record<string, unknown>,
        trigger: "schedule",
        scheduleId,
        scheduledFor: tick,
      }).catch(overQuota);
    }
    await tx.schedule.update({
      where: { id: scheduleId },
      data: {
        nextRunAt: next,
        ...(outcome === "fired" ? { lastRunAt: tick, lastError: null, lastErrorAt: null } : {}),
        ...(refusal ? { lastError: refusal, lastErrorAt: tick } : {}),
      },
    });
    await syncScheduleJob(prismaSql(tx), { id: scheduleId, isActive: true, nextRunAt: next });
    return true;
  });
  return applied ? { outcome, next } : { outcome: "stale", next: null };
}
