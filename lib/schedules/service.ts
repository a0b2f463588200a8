import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { isUuid } from "@/lib/api/ids";
import type { SessionUser } from "@/lib/auth/user";
import { canWrite, findWritableOrThrow, readableBy } from "@/lib/compositions/access";
import type { Db, DbOrTx } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import { prepareRun } from "@/lib/engine/start-run";
import type { Prisma, Schedule } from "@/lib/generated/prisma/client";
import { assertScheduleQuota } from "@/lib/quotas";
import { checkWorkflowRunnable, findWorkflowOrThrow, workflowsVisibleTo } from "@/lib/workflows/service";
import { describeCron, nextRun, nextRuns, shortestInterval } from "./cron";
import { syncScheduleJob } from "./queue";
import {
  type CreateScheduleBody,
  missedRunPolicies,
  overlapPolicies,
  type scheduleResponseSchema,
  type UpdateScheduleBody,
} from "./schema";

const latestRun = {
  orderBy: { createdAt: "desc" },
  take: 1,
  select: { id: true, status: true, createdAt: true },
} as const;

const withComposition = {
  composition: { select: { id: true, compositionId: true, name: true, ownerId: true } },
  workflow: {
    select: {
      id: true,
      name: true,
      ownerId: true,
      // A workflow's runs are not linked to the schedule that started them: its scheduled ones.
      executions: { where: { trigger: "schedule" }, ...latestRun },
    },
  },
  executions: latestRun,
} satisfies Prisma.ScheduleInclude;

type ScheduleRow = Prisma.ScheduleGetPayload<{ include: typeof withComposition }>;

/** A schedule as the API returns it: the row, its cron in words, its latest run and refusal. */
export function toScheduleResponse(
  row: ScheduleRow,
  user: SessionUser,
): z.output<typeof scheduleResponseSchema> {
  const lastRun = row.executions[0] ?? row.workflow?.executions[0] ?? null;
  return {
    id: row.id,
    name: row.name,
    composition: row.composition && {
      id: row.composition.id,
      compositionId: row.composition.compositionId,
      name: row.composition.name,
    },
    workflowId: row.workflowId,
    workflow: row.workflow && { id: row.workflow.id, name: row.workflow.name },
    cronExpression: row.cronExpression,
    description: describeCron(row.cronExpression),
    timezone: row.timezone,
    parameters: row.compositionParameters as Record<string, unknown>,
    isActive: row.isActive,
    // Text columns whose CHECK constraints allow only these values.
    overlapPolicy: z.enum(overlapPolicies).parse(row.overlapPolicy),
    missedRunPolicy: z.enum(missedRunPolicies).parse(row.missedRunPolicy),
    nextRunAt: row.nextRunAt?.toISOString() ?? null,
    lastRunAt: row.lastRunAt?.toISOString() ?? null,
    lastRun: lastRun && { ...lastRun, createdAt: lastRun.createdAt.toISOString() },
    lastError: row.lastError ? { message: row.lastError, at: row.lastErrorAt!.toISOString() } : null,
    canEdit: canWrite(user, (row.composition ?? row.workflow)!),
    createdAt: row.createdAt.toISOString(),
  };
}
export type ScheduleResponse = ReturnType<typeof toScheduleResponse>;

/** What a cron expression means and when it fires next. */
export function previewSchedule(
  body: { cronExpression: string; timezone: string; count: number },
  now = new Date(),
) {
  return {
    description: describeCron(body.cronExpression),
    nextRuns: nextRuns(body.cronExpression, body.timezone, now, body.count).map((date) => date.toISOString()),
  };
}

/**
 * A schedule may be active only for what can run with its parameters: a composition without
 * findings (else 422 with them) whose parameters fit (else 400 naming one), or a workflow whose
 * saved parameters fit its template.
 */
async function checkRunnable(
  db: DbOrTx,
  user: SessionUser,
  target: { compositionId?: string | null; workflowId?: string | null },
  parameters: Record<string, unknown>,
) {
  if (target.compositionId) await prepareRun(db, user, { id: target.compositionId }, parameters);
  else if (target.workflowId) await checkWorkflowRunnable(db, target.workflowId);
}

/** Saves the row and its job in one transaction, so the job exists exactly when the row says so. */
async function saveWithJob(db: Db, write: (tx: DbOrTx) => Promise<Schedule>) {
  const saved = await db.$transaction(async (tx) => {
    const row = await write(tx);
    await syncScheduleJob(prismaSql(tx), row);
    return row;
  });
  return db.schedule.findUniqueOrThrow({ where: { id: saved.id }, include: withComposition });
}

export async function createSchedule(db: Db, user: SessionUser, body: CreateScheduleBody, now = new Date()) {
  const target = body.workflowId
    ? { workflowId: (await findWorkflowOrThrow(db, user, body.workflowId)).id }
    : { compositionId: (await findWritableOrThrow(db, user, body.compositionId!)).id };
  if (body.isActive) {
    await checkRunnable(db, user, target, body.parameters);
    await assertScheduleQuota(db, {
      userId: user.id,
      shortestIntervalSeconds: shortestInterval(body.cronExpression, body.timezone, now),
    });
  }
  const row = await saveWithJob(db, async (tx) => {
    if (body.isActive) await assertNoActiveTwin(tx, target, body);
    return tx.schedule.create({
      data: {
        ...target,
        name: body.name,
        cronExpression: body.cronExpression,
        timezone: body.timezone,
        compositionParameters: body.parameters as Prisma.InputJsonValue,
        isActive: body.isActive,
        overlapPolicy: body.overlapPolicy,
        missedRunPolicy: body.missedRunPolicy,
        nextRunAt: body.isActive ? nextRun(body.cronExpression, body.timezone, now) : null,
        createdById: user.id,
      },
    });
  });
  return toScheduleResponse(row, user);
}

/**
 * 409 when an active schedule of the same target already fires on the same expression, in the same
 * zone, with the same parameters: a second would run everything twice (a double click made one).
 * The target's row is locked first, so two such requests at once make one schedule, not two.
 */
async function assertNoActiveTwin(
  tx: DbOrTx,
  target: { compositionId: string } | { workflowId: string },
  body: CreateScheduleBody,
) {
  if ("compositionId" in target)
    await tx.$queryRaw`SELECT 1 FROM template_flow_compositions WHERE id = ${target.compositionId}::uuid FOR UPDATE`;
  else await tx.$queryRaw`SELECT 1 FROM workflows WHERE id = ${target.workflowId}::uuid FOR UPDATE`;
  const twin = await tx.schedule.findFirst({
    where: {
      ...target,
      isActive: true,
      cronExpression: body.cronExpression,
      timezone: body.timezone,
      compositionParameters: { equals: body.parameters as Prisma.InputJsonValue },
    },
    select: { name: true },
  });
  if (twin)
    throw new AppError({
      code: "conflict",
      message: `The schedule "${twin.name}" already runs this at "${body.cronExpression}" (${body.timezone}) with the same parameters.`,
    });
}

/**
 * Schedules of compositions the user can read and of their own workflows; an admin's, all. (No
 * empty relation filters: Prisma reads `{ workflow: {} }` as "has a workflow".)
 */
function schedulesVisibleTo(user: SessionUser): Prisma.ScheduleWhereInput {
  if (user.role === "admin") return {};
  return { OR: [{ composition: readableBy(user) }, { workflow: workflowsVisibleTo(user) }] };
}

/** A schedule of a composition the user can read (404 otherwise: private ones stay invisible). */
export async function findReadableSchedule(db: DbOrTx, user: SessionUser, id: string) {
  const row = isUuid(id)
    ? await db.schedule.findFirst({
        where: { id, ...schedulesVisibleTo(user) },
        include: withComposition,
      })
    : null;
  if (!row) throw new AppError({ code: "not_found", message: "Schedule not found." });
  return row;
}

export async function findWritableSchedule(db: DbOrTx, user: SessionUser, id: string) {
  const row = await findReadableSchedule(db, user, id);
  if (!canWrite(user, (row.composition ?? row.workflow)!)) {
    throw new AppError({
      code: "forbidden",
      message: "Only the composition's owner or an admin can change its schedules.",
    });
  }
  return row;
}

export async function getSchedule(db: DbOrTx, user: SessionUser, id: string) {
  return toScheduleResponse(await findReadableSchedule(db, user, id), user);
}

/** Changes a schedule; its next run is counted again from now and its job replaced at once. */
export async function updateSchedule(
  db: Db,
  user: SessionUser,
  id: string,
  patch: UpdateScheduleBody,
  now = new Date(),
) {
  const current = await findWritableSchedule(db, user, id);
  const cronExpression = patch.cronExpression ?? current.cronExpression;
  const timezone = patch.timezone ?? current.timezone;
  const isActive = patch.isActive ?? current.isActive;
  const parameters = patch.parameters ?? (current.compositionParameters as Record<string, unknown>);
  if (isActive) {
    await checkRunnable(db, user, current, parameters);
    // A schedule saved before the limits existed keeps working until its timing is changed.
    const retimed = patch.cronExpression !== undefined || patch.timezone !== undefined || !current.isActive;
    await assertScheduleQuota(db, {
      userId: current.createdById ?? user.id,
      shortestIntervalSeconds: retimed
        ? shortestInterval(cronExpression, timezone, now)
        : Number.POSITIVE_INFINITY,
      excludeScheduleId: current.id,
    });
  }
  const row = await saveWithJob(db, (tx) =>
    tx.schedule.update({
      where: { id: current.id },
      data: {
        name: patch.name,
        cronExpression,
        timezone,
        compositionParameters: parameters as Prisma.InputJsonValue,
        isActive,
        overlapPolicy: patch.overlapPolicy,
        missedRunPolicy: patch.missedRunPolicy,
        nextRunAt: isActive ? nextRun(cronExpression, timezone, now) : null,
      },
    }),
  );
  return toScheduleResponse(row, user);
}

export async function deleteSchedule(db: Db, user: SessionUser, id: string) {
  const current = await findWritableSchedule(db, user, id);
  await db.$transaction(async (tx) => {
    await tx.schedule.delete({ where: { id: current.id } });
    await syncScheduleJob(prismaSql(tx), { id: current.id, isActive: false, nextRunAt: null });
  });
}

/** Every schedule of the compositions the user can read and of their workflows, soonest first. */
export async function listSchedules(db: DbOrTx, user: SessionUser, options: { compositionId?: string } = {}) {
  const rows = await db.schedule.findMany({
    where: options.compositionId
      ? { composition: { AND: [readableBy(user), { id: options.compositionId }] } }
      : schedulesVisibleTo(user),
    orderBy: [{ isActive: "desc" }, { nextRunAt: { sort: "asc", nulls: "last" } }, { createdAt: "desc" }],
    include: withComposition,
    take: 500,
  });
  return rows.map((row) => toScheduleResponse(row, user));
}
