import type { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { isUuid } from "@/lib/api/ids";
import type { SessionUser } from "@/lib/auth/user";
import type { Db, DbOrTx } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import { cancelExecution } from "@/lib/engine/control";
import { insertRunWithinQuota, prepareRun, unlessOverQuota } from "@/lib/engine/start-run";
import type { Backfill } from "@/lib/generated/prisma/client";
import { enqueueTask } from "@/lib/jobs/queue";
import {
  type BackfillResponse,
  type createBackfillBodySchema,
  MAX_BACKFILL_TICKS,
  type updateBackfillBodySchema,
} from "./backfill-schema";
import { nextRun, nextRuns } from "./cron";
import { findReadableSchedule, findWritableSchedule } from "./service";

// Backfills: a composition schedule's ticks between two instants, each run once (the schedule's
// unique index on its ticks), at most `concurrency` at a time, started step by step by a job.

const step = (db: DbOrTx, backfillId: string) =>
  enqueueTask(prismaSql(db), "backfillStep", { backfillId }, `backfill:${backfillId}`);

async function toResponse(db: DbOrTx, row: Backfill): Promise<BackfillResponse> {
  const counts = await db.compositionExecution.groupBy({
    by: ["status"],
    where: { backfillId: row.id },
    _count: true,
  });
  const count = (status: string) => counts.find((c) => c.status === status)?._count ?? 0;
  const started = counts.reduce((total, c) => total + c._count, 0);
  return {
    id: row.id,
    scheduleId: row.scheduleId,
    from: row.fromAt.toISOString(),
    to: row.toAt.toISOString(),
    concurrency: row.concurrency,
    status: row.status as BackfillResponse["status"],
    lastError: row.lastError,
    progress: {
      total: row.totalTicks,
      skipped: row.skippedTicks,
      completed: count("completed"),
      failed: count("failed"),
      cancelled: count("cancelled"),
      running: count("running") + count("pending"),
      remaining: Math.max(0, row.totalTicks - row.skippedTicks - started),
    },
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** The ticks of a cron expression from `from` to `to`, both included (at most one more than the cap). */
function ticksBetween(expression: string, timezone: string, from: Date, to: Date): Date[] {
  const ticks: Date[] = [];
  let after = new Date(from.getTime() - 1);
  while (ticks.length <= MAX_BACKFILL_TICKS) {
    const batch = nextRuns(expression, timezone, after, 500).filter((tick) => tick <= to);
    ticks.push(...batch);
    if (batch.length < 500) break;
    after = batch.at(-1)!;
  }
  return ticks;
}

export async function createBackfill(
  db: Db,
  user: SessionUser,
  scheduleId: string,
  body: z.output<typeof createBackfillBodySchema>,
) {
  const schedule = await findWritableSchedule(db, user, scheduleId);
  if (!schedule.compositionId)
    throw new AppError({
      code: "bad_request",
      message: "Backfills are for schedules of compositions, not of workflows.",
    });
  const ticks = ticksBetween(
    schedule.cronExpression,
    schedule.timezone,
    new Date(body.from),
    new Date(body.to),
  );
  if (!ticks.length)
    throw new AppError({ code: "bad_request", message: "The schedule has no tick between from and to." });
  if (ticks.length > MAX_BACKFILL_TICKS) {
    throw new AppError({
      code: "bad_request",
      message: `That is more than ${MAX_BACKFILL_TICKS.toLocaleString("en-US")} ticks: backfill a shorter span.`,
    });
  }
  const row = await db.$transaction(async (tx) => {
    const created = await tx.backfill.create({
      data: {
        scheduleId: schedule.id,
        fromAt: new Date(body.from),
        toAt: new Date(body.to),
        concurrency: body.concurrency,
        totalTicks: ticks.length,
        nextTickAt: ticks[0]!,
        createdById: user.id,
      },
    });
    await step(tx, created.id);
    return created;
  });
  return toResponse(db, row);
}

/**
 * One step of a backfill, under its row's lock: starts its next ticks while it has free slots
 * (a tick the schedule ran already is counted, not run again), and completes it once every tick
 * has a run and none is in progress. A composition that cannot run pauses it, saying why.
 */
export async function backfillStep(db: Db, backfillId: string): Promise<void> {
  const backfill = await db.backfill.findUnique({ where: { id: backfillId }, include: { schedule: true } });
  if (backfill?.status !== "running") return;
  const { schedule } = backfill;
  let prepared: Awaited<ReturnType<typeof prepareRun>>;
  try {
    prepared = await prepareRun(
      db,
      null,
      { id: schedule.compositionId! },
      schedule.compositionParameters as Record<string, unknown>,
    );
  } catch (error) {
    await db.backfill.update({
      where: { id: backfillId },
      data: { status: "paused", lastError: (error as Error).message },
    });
    return;
  }
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM backfills WHERE id = ${backfillId}::uuid FOR UPDATE`;
    const current = await tx.backfill.findUniqueOrThrow({ where: { id: backfillId } });
    if (current.status !== "running") return;
    const live = () => tx.compositionExecution.count({ where: { backfillId, finishedAt: null } });
    let slots = current.concurrency - (await live());
    let next = current.nextTickAt;
    let skipped = current.skippedTicks;
    while (slots > 0 && next) {
      const ran = await tx.compositionExecution.findFirst({
        where: { scheduleId: schedule.id, scheduledFor: next },
        select: { id: true },
      });
      if (ran) skipped += 1;
      else {
        const started = await insertRunWithinQuota(tx, schedule.createdById, prepared, {
          parameters: schedule.compositionParameters as Record<string, unknown>,
          trigger: "backfill",
          scheduleId: schedule.id,
          scheduledFor: next,
          backfillId,
        }).catch(unlessOverQuota);
        if (!started) break; // at the quota: the next run to finish moves the backfill on
        slots -= 1;
      }
      const after = nextRun(schedule.cronExpression, schedule.timezone, next);
      next = after && after <= current.toAt ? after : null;
    }
    const done = next === null && (await live()) === 0;
    await tx.backfill.update({
      where: { id: backfillId },
      data: {
        nextTickAt: next,
        skippedTicks: skipped,
        ...(done ? { status: "completed", finishedAt: new Date() } : {}),
      },
    });
  });
}

async function findBackfillOrThrow(db: DbOrTx, user: SessionUser, id: string, write: boolean) {
  const row = isUuid(id) ? await db.backfill.findUnique({ where: { id } }) : null;
  if (!row) throw new AppError({ code: "not_found", message: "No such backfill." });
  await (write ? findWritableSchedule : findReadableSchedule)(db, user, row.scheduleId);
  return row;
}

export async function getBackfill(db: DbOrTx, user: SessionUser, id: string) {
  return toResponse(db, await findBackfillOrThrow(db, user, id, false));
}

export async function listBackfills(db: DbOrTx, user: SessionUser, scheduleId: string) {
  const schedule = await findReadableSchedule(db, user, scheduleId);
  const rows = await db.backfill.findMany({
    where: { scheduleId: schedule.id },
    orderBy: { createdAt: "desc" },
    take: 20,
  });
  return Promise.all(rows.map((row) => toResponse(db, row)));
}

/** Pauses (no new ticks start; runs in progress finish) or resumes a backfill. */
export async function updateBackfill(
  db: Db,
  user: SessionUser,
  id: string,
  body: z.output<typeof updateBackfillBodySchema>,
) {
  const row = await findBackfillOrThrow(db, user, id, true);
  if (row.status === "cancelled" || row.status === "completed")
    throw new AppError({ code: "conflict", message: `The backfill is ${row.status}.` });
  const updated = await db.$transaction(async (tx) => {
    const saved = await tx.backfill.update({ where: { id }, data: { status: body.status, lastError: null } });
    if (body.status === "running") await step(tx, id);
    return saved;
  });
  return toResponse(db, updated);
}

/** Cancels a backfill: no tick starts any more, and its runs in progress are cancelled. */
export async function cancelBackfill(db: Db, user: SessionUser, id: string) {
  const row = await findBackfillOrThrow(db, user, id, true);
  if (row.status === "cancelled" || row.status === "completed")
    throw new AppError({ code: "conflict", message: `The backfill is ${row.status} already.` });
  await db.backfill.update({ where: { id }, data: { status: "cancelled", finishedAt: new Date() } });
  const live = await db.compositionExecution.findMany({
    where: { backfillId: id, finishedAt: null },
    select: { id: true },
  });
  for (const run of live) await cancelExecution(db, user, run.id).catch(() => {});
  return toResponse(db, await db.backfill.findUniqueOrThrow({ where: { id } }));
}
