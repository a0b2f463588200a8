import type { z } from "zod";
import { encodeCursor } from "@/lib/api/cursor";
import { AppError, type ErrorIssue } from "@/lib/api/errors";
import { isUuid } from "@/lib/api/ids";
import { visibleTo } from "@/lib/auth/access";
import { runnerOf } from "@/lib/auth/runner";
import type { SessionUser } from "@/lib/auth/user";
import { assertSourcesUsable } from "@/lib/data-sources/service";
import type { Db, DbOrTx } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import { resultCsvOf, resultPageOf } from "@/lib/engine/read";
import type { resultPageQuerySchema } from "@/lib/engine/schema";
import type { Prisma, Workflow } from "@/lib/generated/prisma/client";
import { enqueueNode } from "@/lib/jobs/queue";
import { assertRunQuota } from "@/lib/quotas";
import { liveNodeStatuses, type RunTrigger } from "@/lib/statuses";
import { getTemplateOrThrow } from "@/lib/templates/service";
import { parameterValueError } from "@/lib/templates/values";
import type {
  CreateWorkflowBody,
  UpdateWorkflowBody,
  workflowResponseSchema,
  workflowRunSchema,
} from "./schema";

/** Every parameter fits its schema, and every required one has a value or a default. */
async function checkParameters(
  db: DbOrTx,
  user: SessionUser,
  templateId: string,
  parameters: Record<string, unknown>,
) {
  const template = await getTemplateOrThrow(db, user, templateId);
  await assertSourcesUsable(db, user, [template]);
  if (!template.isActive) {
    throw new AppError({ code: "bad_request", message: `Template "${templateId}" is no longer available.` });
  }
  const issues: ErrorIssue[] = [];
  for (const spec of template.parameters) {
    const value = parameters[spec.name];
    if (value === undefined) {
      if (spec.required && spec.default === undefined) {
        issues.push({
          code: "missing_required_parameter",
          message: `"${spec.name}" is required.`,
          param: spec.name,
        });
      }
      continue;
    }
    const error = parameterValueError(value, spec);
    if (error)
      issues.push({ code: "invalid_parameter", message: `"${spec.name}" ${error}.`, param: spec.name });
  }
  for (const name of Object.keys(parameters)) {
    if (!template.parameters.some((spec) => spec.name === name)) {
      issues.push({
        code: "unknown_parameter",
        message: `"${name}" is not a parameter of ${templateId}.`,
        param: name,
      });
    }
  }
  if (issues.length)
    throw new AppError({ code: "bad_request", message: `Parameter ${issues[0]!.message}`, issues });
}

function toResponse(
  row: Workflow & { template: { name: string; kind: string } },
): z.output<typeof workflowResponseSchema> {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    templateId: row.templateId,
    template: row.template,
    parameters: row.parameters as Record<string, unknown>,
    ownerId: row.ownerId,
    createdAt: row.createdAt.toISOString(),
  };
}
export type WorkflowResponse = ReturnType<typeof toResponse>;

const withTemplate = { template: { select: { name: true, kind: true } } } satisfies Prisma.WorkflowInclude;

/** Workflows are private (lib/auth/access.ts): their owner and admins see them. */
export const workflowsVisibleTo = (user: SessionUser) => visibleTo(user, "workflow");

export async function findWorkflowOrThrow(db: DbOrTx, user: SessionUser, id: string) {
  const row = isUuid(id)
    ? await db.workflow.findFirst({ where: { id, ...workflowsVisibleTo(user) }, include: withTemplate })
    : null;
  if (!row) throw new AppError({ code: "not_found", message: "Workflow not found." });
  return row;
}

export async function createWorkflow(db: DbOrTx, user: SessionUser, body: CreateWorkflowBody) {
  await checkParameters(db, user, body.templateId, body.parameters);
  const row = await db.workflow.create({
    data: {
      name: body.name,
      description: body.description,
      templateId: body.templateId,
      parameters: body.parameters as Prisma.InputJsonValue,
      ownerId: user.id,
    },
    include: withTemplate,
  });
  return toResponse(row);
}

export async function updateWorkflow(db: DbOrTx, user: SessionUser, id: string, body: UpdateWorkflowBody) {
  const workflow = await findWorkflowOrThrow(db, user, id);
  if (body.parameters) await checkParameters(db, user, workflow.templateId, body.parameters);
  const row = await db.workflow.update({
    where: { id: workflow.id },
    data: {
      name: body.name,
      description: body.description,
      parameters: body.parameters as Prisma.InputJsonValue | undefined,
    },
    include: withTemplate,
  });
  return toResponse(row);
}

/**
 * Deletes a workflow with its runs and schedules. Refused (409) while a run of it is pending or
 * running: the worker holds that run, and it would finish into nothing.
 */
export async function deleteWorkflow(db: DbOrTx, user: SessionUser, id: string) {
  const workflow = await findWorkflowOrThrow(db, user, id);
  const live = await db.workflowExecution.count({
    where: { workflowId: workflow.id, status: { in: [...liveNodeStatuses] } },
  });
  if (live) {
    throw new AppError({
      code: "conflict",
      message: "A run of this workflow is still going: cancel it or let it finish, then delete.",
    });
  }
  await db.workflow.delete({ where: { id: workflow.id } });
}

export async function getWorkflow(db: DbOrTx, user: SessionUser, id: string) {
  return toResponse(await findWorkflowOrThrow(db, user, id));
}

export async function listWorkflows(db: DbOrTx, user: SessionUser) {
  const rows = await db.workflow.findMany({
    where: workflowsVisibleTo(user),
    orderBy: { createdAt: "desc" },
    include: withTemplate,
    take: 200,
  });
  return rows.map(toResponse);
}

/**
 * Starts a run of a workflow in the caller's transaction: one node execution of its template with
 * its saved parameters, and its job. The engine runs it like a composition's node, on its own.
 */
export async function insertWorkflowRun(
  tx: DbOrTx,
  workflow: { id: string; templateId: string; parameters: unknown },
  options: { userId: string | null; trigger: RunTrigger },
) {
  const execution = await tx.workflowExecution.create({
    data: {
      workflowId: workflow.id,
      templateId: workflow.templateId,
      status: "queued",
      trigger: options.trigger,
      triggeredById: options.userId,
      input: workflow.parameters as Prisma.InputJsonValue,
    },
  });
  await enqueueNode(prismaSql(tx), execution.id);
  return execution;
}

/** 400 when a workflow's saved parameters no longer fit its template (or the template is gone). */
export async function checkWorkflowRunnable(db: DbOrTx, workflowId: string) {
  const workflow = await db.workflow.findUniqueOrThrow({
    where: { id: workflowId },
    include: { owner: true },
  });
  // A schedule runs it with its owner's rights: the template must still be one the owner may use.
  await checkParameters(
    db,
    runnerOf(workflow.owner),
    workflow.templateId,
    workflow.parameters as Record<string, unknown>,
  );
}

export async function runWorkflow(
  db: Db,
  user: SessionUser,
  id: string,
  trigger: "manual" | "api" | "webhook",
  /** Values that replace the saved parameters for this run only (a webhook's body). */
  parameters: Record<string, unknown> = {},
) {
  const saved = await findWorkflowOrThrow(db, user, id);
  const workflow = {
    ...saved,
    parameters: { ...(saved.parameters as Record<string, unknown>), ...parameters },
  };
  await checkParameters(db, user, workflow.templateId, workflow.parameters);
  // As a composition's run: its owner's rights too, when someone else (an admin's webhook) starts it.
  if (saved.ownerId !== user.id) {
    const owner = saved.ownerId ? await db.user.findUnique({ where: { id: saved.ownerId } }) : null;
    await checkParameters(db, runnerOf(owner), workflow.templateId, workflow.parameters);
  }
  const execution = await db.$transaction(async (tx) => {
    await assertRunQuota(tx, { userId: user.id });
    return insertWorkflowRun(tx, workflow, { userId: user.id, trigger });
  });
  return { id: execution.id, status: execution.status };
}

function toRun(
  row: Prisma.WorkflowExecutionGetPayload<{ include: { triggeredBy: { select: { name: true } } } }>,
): z.output<typeof workflowRunSchema> {
  return {
    id: row.id,
    /** Who started it; null for a schedule's run (or one whose account is gone). */
    startedBy: row.triggeredBy?.name ?? null,
    status: row.status,
    trigger: row.trigger,
    attempt: row.attempt,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.durationMs,
  };
}

/** Newest first; the id breaks ties between runs started in the same millisecond, so no page skips one. */
const newestRunFirst = [
  { createdAt: "desc" },
  { id: "desc" },
] satisfies Prisma.WorkflowExecutionOrderByWithRelationInput[];

/** A workflow's runs, newest first. */
export async function listWorkflowRuns(db: DbOrTx, user: SessionUser, id: string) {
  const workflow = await findWorkflowOrThrow(db, user, id);
  const rows = await db.workflowExecution.findMany({
    where: { workflowId: workflow.id },
    orderBy: newestRunFirst,
    take: 50,
    include: { triggeredBy: { select: { name: true } } },
  });
  return rows.map(toRun);
}

/** A page of one run's result: table rows with column types, or the JSON value. */
export async function getWorkflowRunResult(
  db: DbOrTx,
  user: SessionUser,
  id: string,
  runId: string,
  query: z.infer<typeof resultPageQuerySchema>,
) {
  return resultPageOf(db, await findCompletedRunOrThrow(db, user, id, runId), query);
}

/** A workflow run's whole result as CSV, streamed. */
export async function getWorkflowRunCsv(db: DbOrTx, user: SessionUser, id: string, runId: string) {
  return resultCsvOf(db, await findCompletedRunOrThrow(db, user, id, runId));
}

async function findCompletedRunOrThrow(db: DbOrTx, user: SessionUser, id: string, runId: string) {
  const workflow = await findWorkflowOrThrow(db, user, id);
  const run = isUuid(runId)
    ? await db.workflowExecution.findFirst({ where: { id: runId, workflowId: workflow.id } })
    : null;
  if (!run) throw new AppError({ code: "not_found", message: "Run not found." });
  if (run.status !== "completed") {
    throw new AppError({ code: "not_found", message: `This run has no result: it is ${run.status}.` });
  }
  return run;
}

/**
 * Runs of the user's workflows for the history page, newest first, with the history's filters
 * (status, trigger, a part of the workflow's name, start date), a page after the cursor `after`.
 */
export async function listRecentWorkflowRuns(
  db: DbOrTx,
  user: SessionUser,
  filters: { status?: string; trigger?: string; composition?: string; from?: Date; to?: Date },
  page: { limit?: number; after?: { at: Date; id: string } } = {},
) {
  const limit = page.limit ?? 20;
  const cursor = page.after;
  const rows = await db.workflowExecution.findMany({
    where: {
      // A standalone run has a workflow and no composition run around it: composition node
      // executions are not workflow runs (an admin's empty visibility filter let them in).
      workflowId: { not: null },
      compositionExecutionId: null,
      workflow: {
        ...workflowsVisibleTo(user),
        ...(filters.composition ? { name: { contains: filters.composition, mode: "insensitive" } } : {}),
      },
      // The history has no "queued": a workflow run waiting in the queue counts as pending.
      status: filters.status === "pending" ? { in: ["pending", "queued"] } : filters.status,
      trigger: filters.trigger,
      createdAt: { gte: filters.from, lt: filters.to },
      ...(cursor && {
        OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }],
      }),
    },
    orderBy: newestRunFirst,
    take: limit + 1,
    include: { workflow: { select: { id: true, name: true } }, triggeredBy: { select: { name: true } } },
  });
  const items = rows.slice(0, limit);
  return {
    items: items.map((row) => ({ ...toRun(row), workflow: row.workflow! })),
    nextCursor:
      rows.length > limit
        ? encodeCursor({ key: items.at(-1)!.createdAt.toISOString(), id: items.at(-1)!.id })
        : null,
  };
}
