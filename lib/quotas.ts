import { AppError } from "@/lib/api/errors";
import { assertBelowCap, assertRunsBelow } from "@/lib/api/quota";
import type { DbOrTx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { liveNodeStatuses, liveRunStatuses } from "@/lib/statuses";

/**
 * 429 with Retry-After (lib/api/quota.ts) when starting a run would pass a concurrency quota: live runs started by one user (composition
 * runs and standalone workflow runs together, `RUNS_PER_USER`) or live runs of one composition
 * (`RUNS_PER_COMPOSITION`). Scheduled runs count for the schedule's creator. One signed-up user
 * cannot fill every worker slot of the instance.
 */
export async function assertRunQuota(
  db: DbOrTx,
  target: { userId: string | null; compositionId?: string },
  limits = env(),
): Promise<void> {
  if (target.compositionId) {
    const live = await db.compositionExecution.count({
      where: { compositionId: target.compositionId, status: { in: [...liveRunStatuses] } },
    });
    assertRunsBelow(
      live,
      limits.RUNS_PER_COMPOSITION,
      `This composition already has ${live} runs in progress, the most allowed at once (${limits.RUNS_PER_COMPOSITION}). Wait for one to finish or cancel one.`,
    );
  }
  if (!target.userId) return;
  const [runs, workflowRuns] = await Promise.all([
    db.compositionExecution.count({
      where: { triggeredById: target.userId, status: { in: [...liveRunStatuses] } },
    }),
    db.workflowExecution.count({
      where: {
        triggeredById: target.userId,
        compositionExecutionId: null,
        status: { in: [...liveNodeStatuses] },
      },
    }),
  ]);
  assertRunsBelow(
    runs + workflowRuns,
    limits.RUNS_PER_USER,
    `You already have ${runs + workflowRuns} runs in progress, the most allowed at once (${limits.RUNS_PER_USER}). Wait for one to finish or cancel one.`,
  );
}

/**
 * 400 when a schedule would fire more often than `SCHEDULE_MIN_INTERVAL_SECONDS`, and 409 when a
 * user would have more than `SCHEDULES_PER_USER` active schedules.
 */
export async function assertScheduleQuota(
  db: DbOrTx,
  target: { userId: string; shortestIntervalSeconds: number; excludeScheduleId?: string },
  limits = env(),
): Promise<void> {
  if (target.shortestIntervalSeconds < limits.SCHEDULE_MIN_INTERVAL_SECONDS) {
    throw new AppError({
      code: "bad_request",
      message: `cronExpression fires every ${target.shortestIntervalSeconds} s; a schedule may fire at most once every ${limits.SCHEDULE_MIN_INTERVAL_SECONDS} s.`,
      issues: [{ code: "too_frequent", message: "fires too often", path: ["cronExpression"] }],
    });
  }
  const active = await db.schedule.count({
    where: {
      createdById: target.userId,
      isActive: true,
      ...(target.excludeScheduleId ? { id: { not: target.excludeScheduleId } } : {}),
    },
  });
  assertBelowCap(
    active,
    limits.SCHEDULES_PER_USER,
    `You have ${active} active ${active === 1 ? "schedule" : "schedules"}, the most allowed (${limits.SCHEDULES_PER_USER}). Switch one off first.`,
  );
}

/** 400 when a node asks for a longer attempt time limit than `NODE_TIMEOUT_MAX_MS`. */
export function assertNodeTimeout(nodeId: string, timeoutMs: number | undefined, limits = env()): void {
  if (timeoutMs !== undefined && timeoutMs > limits.NODE_TIMEOUT_MAX_MS) {
    throw new AppError({
      code: "bad_request",
      message: `Node "${nodeId}" asks for config.timeoutMs ${timeoutMs}; the most allowed is ${limits.NODE_TIMEOUT_MAX_MS} ms.`,
      issues: [
        { code: "timeout_too_long", message: "timeoutMs is above the limit", nodeId, param: "timeoutMs" },
      ],
    });
  }
}
