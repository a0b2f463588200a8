import { z } from "zod";
import { encodeCursor } from "@/lib/api/cursor";
import { AppError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/user";
import { findReadableOrThrow, readableBy } from "@/lib/compositions/access";
import type { DbOrTx } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { nodeStatusSchema, runStatusSchema, runTriggers } from "@/lib/statuses";
import { findExecutionOrThrow } from "./access";
import { csvField, jsonAsTable } from "./csv";
import type { executionPageSchema, executionSchema, logsSchema } from "./responses";

const logLevelSchema = z.enum(["debug", "info", "warn", "error"]);
type ExecutionNode = z.output<typeof executionSchema>["nodes"][number];

import { type ResultMetadata, readRows } from "./results";
import type { ListExecutionsQuery, logsQuerySchema, resultPageQuerySchema } from "./schema";
import { findSnapshot } from "./snapshot";

/** A result's metadata as clients see it: where its file is stored is the server's business. */
function publicMetadata(metadata: ResultMetadata | null): ExecutionNode["resultMetadata"] {
  if (metadata?.type !== "table") return metadata;
  const { file: _stored, ...rest } = metadata;
  return rest;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** A run as lists show it. */
function toRunSummary(
  row: Prisma.CompositionExecutionGetPayload<{ include: { triggeredBy: { select: { name: true } } } }>,
) {
  return {
    id: row.id,
    /** Who started it; null for a schedule's run (or one whose account is gone). */
    startedBy: row.triggeredBy?.name ?? null,
    status: runStatusSchema.parse(row.status),
    trigger: row.trigger,
    version: row.version,
    totalNodes: row.totalNodes,
    completedNodes: row.completedNodes,
    failedNodes: row.failedNodes,
    createdAt: row.createdAt.toISOString(),
    durationMs: row.durationMs,
    error: row.error,
    /** For a scheduled run: the tick it was started for. */
    scheduledFor: row.scheduledFor?.toISOString() ?? null,
    waitingSince: row.finishedAt ? null : (row.waitingSince?.toISOString() ?? null),
  };
}

/** The run and every node's status, attempts, timings, error and where its inputs came from. */
export async function getExecution(
  db: DbOrTx,
  user: SessionUser,
  executionId: string,
): Promise<z.output<typeof executionSchema>> {
  const execution = await findExecutionOrThrow(db, user, executionId);
  const nodes = await db.workflowExecution.findMany({
    where: { compositionExecutionId: execution.id },
    orderBy: { compositionNodeId: "asc" },
  });
  return {
    id: execution.id,
    composition: {
      id: execution.composition.id,
      compositionId: execution.composition.compositionId,
      name: execution.composition.name,
    },
    version: execution.version,
    status: runStatusSchema.parse(execution.status),
    trigger: z.enum(runTriggers).parse(execution.trigger),
    triggeredById: execution.triggeredById,
    retryOfId: execution.retryOfId,
    parameters: execution.parameters as Record<string, unknown>,
    totalNodes: execution.totalNodes,
    completedNodes: execution.completedNodes,
    failedNodes: execution.failedNodes,
    skippedNodes: execution.skippedNodes,
    cancelledNodes: execution.cancelledNodes,
    waitingSince: execution.finishedAt ? null : iso(execution.waitingSince),
    error: execution.error,
    createdAt: execution.createdAt.toISOString(),
    startedAt: iso(execution.startedAt),
    finishedAt: iso(execution.finishedAt),
    durationMs: execution.durationMs,
    nodes: nodes.map((node) => ({
      id: node.id,
      nodeId: node.compositionNodeId!,
      templateId: node.templateId,
      status: nodeStatusSchema.parse(node.status),
      attempt: node.attempt,
      maxRetries: node.maxRetries,
      error: node.error,
      // JSON columns the engine wrote in these shapes (run-node.ts).
      input: node.input as ExecutionNode["input"],
      inputSources: node.inputSources as ExecutionNode["inputSources"],
      resultMetadata: publicMetadata(node.resultMetadata as ResultMetadata | null),
      startedAt: iso(node.startedAt),
      finishedAt: iso(node.finishedAt),
      durationMs: node.durationMs,
    })),
  };
}

/** A day (`2026-11-22`) as the instant it starts, or, for `to`, the instant the next day starts. */
export function instant(value: string, end: boolean): Date {
  if (value.length > 10) return new Date(value);
  const day = new Date(`${value}T00:00:00Z`);
  return end ? new Date(day.getTime() + 86_400_000) : day;
}

/**
 * Runs the user can read, newest first, filtered by status, trigger, composition (a fixed one, or a
 * search over name and id) and start date, one page at a time.
 */
export async function listExecutions(
  db: DbOrTx,
  user: SessionUser,
  query: ListExecutionsQuery,
  compositionUuid?: string,
): Promise<z.output<typeof executionPageSchema>> {
  const composition: Prisma.CompositionWhereInput = { AND: [readableBy(user)] };
  if (query.composition) {
    composition.OR = [
      { name: { contains: query.composition, mode: "insensitive" } },
      { compositionId: { contains: query.composition.toLowerCase() } },
    ];
  }
  const { cursor } = query;
  const rows = await db.compositionExecution.findMany({
    where: {
      composition,
      compositionId: compositionUuid,
      status: query.status,
      trigger: query.trigger,
      createdAt: {
        gte: query.from ? instant(query.from, false) : undefined,
        lt: query.to ? instant(query.to, true) : undefined,
      },
      // Keyset: after the previous page's last run; its id breaks ties in the same millisecond.
      ...(cursor && {
        OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }],
      }),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    include: {
      composition: { select: { id: true, compositionId: true, name: true } },
      triggeredBy: { select: { name: true } },
    },
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((row) => ({ ...toRunSummary(row), composition: row.composition })),
    nextCursor:
      rows.length > query.limit
        ? encodeCursor({ key: page.at(-1)!.createdAt.toISOString(), id: page.at(-1)!.id })
        : null,
  };
}

/** A composition's runs (404 when the user cannot read it), newest first. */
export async function listCompositionExecutions(
  db: DbOrTx,
  user: SessionUser,
  compositionId: string,
  query: ListExecutionsQuery,
) {
  const composition = await findReadableOrThrow(db, user, compositionId);
  return listExecutions(db, user, { ...query, composition: undefined }, composition.id);
}

async function findNodeExecutionOrThrow(db: DbOrTx, user: SessionUser, executionId: string, nodeId: string) {
  const execution = await findExecutionOrThrow(db, user, executionId);
  const node = await db.workflowExecution.findFirst({
    where: { compositionExecutionId: execution.id, compositionNodeId: nodeId },
  });
  if (!node) throw new AppError({ code: "not_found", message: `Node "${nodeId}" is not part of this run.` });
  if (node.status !== "completed") {
    throw new AppError({
      code: "not_found",
      message: `Node "${nodeId}" has no result: it is ${node.status}.`,
    });
  }
  return node;
}

/** One page of a node's result: rows of a table (with column types), or the JSON value. */
export async function getResultPage(
  db: DbOrTx,
  user: SessionUser,
  executionId: string,
  nodeId: string,
  query: z.infer<typeof resultPageQuerySchema>,
) {
  return resultPageOf(db, await findNodeExecutionOrThrow(db, user, executionId, nodeId), query);
}

/** One page of a completed node execution's result (of a composition's run or a workflow's). */
export async function resultPageOf(
  db: DbOrTx,
  node: { id: string; output: Prisma.JsonValue; resultMetadata: Prisma.JsonValue },
  query: z.infer<typeof resultPageQuerySchema>,
) {
  const metadata = node.resultMetadata as ResultMetadata;
  if (metadata.type !== "table") return { type: "json" as const, value: node.output };
  const column = query.sort && metadata.columns.find((candidate) => candidate.name === query.sort);
  if (query.sort && !column) {
    throw new AppError({
      code: "bad_request",
      message: `sort: the result has no column "${query.sort}" (it has ${metadata.columns.map((c) => c.name).join(", ")}).`,
    });
  }
  return {
    type: "table" as const,
    columns: metadata.columns,
    rowCount: metadata.rowCount,
    truncated: metadata.truncated,
    offset: query.offset,
    limit: query.limit,
    rows: await readRows(env(), prismaSql(db), node.id, metadata, {
      offset: query.offset,
      limit: query.limit,
      sort: column ? { column, order: query.order } : undefined,
    }),
  };
}

/** Rows per page of a CSV being streamed: a million rows never sit in memory at once. */
const CSV_PAGE_ROWS = 10_000;

/**
 * A node's result as CSV, streamed a page at a time.
 * JSON results become one row (an object) or one row per element (an array of objects).
 */
export async function resultCsv(db: DbOrTx, user: SessionUser, executionId: string, nodeId: string) {
  return resultCsvOf(db, await findNodeExecutionOrThrow(db, user, executionId, nodeId));
}

/** A completed node execution's result as CSV (of a composition's run or a workflow's). */
export function resultCsvOf(
  db: DbOrTx,
  node: { id: string; output: Prisma.JsonValue; resultMetadata: Prisma.JsonValue },
) {
  const metadata = node.resultMetadata as ResultMetadata;
  const encoder = new TextEncoder();
  const line = (values: unknown[]) => encoder.encode(`${values.map(csvField).join(",")}\r\n`);
  if (metadata.type !== "table") {
    const { columns, rows } = jsonAsTable(node.output);
    return new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(line(columns));
        for (const row of rows) controller.enqueue(line(row));
        controller.close();
      },
    });
  }
  const names = metadata.columns.map((column) => column.name);
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(line(names));
    },
    async pull(controller) {
      if (offset >= metadata.rowCount) return controller.close();
      const rows = await readRows(env(), prismaSql(db), node.id, metadata, { offset, limit: CSV_PAGE_ROWS });
      offset += CSV_PAGE_ROWS;
      controller.enqueue(
        encoder.encode(
          `${rows.map((row) => names.map((name) => csvField(row[name])).join(",")).join("\r\n")}\r\n`,
        ),
      );
    },
  });
}

/** The run's log lines in order; `after` (the last id seen) fetches only newer ones. */
export async function getLogs(
  db: DbOrTx,
  user: SessionUser,
  executionId: string,
  query: z.infer<typeof logsQuerySchema>,
): Promise<z.output<typeof logsSchema>> {
  const execution = await findExecutionOrThrow(db, user, executionId);
  const nodes = await db.workflowExecution.findMany({
    where: {
      compositionExecutionId: execution.id,
      ...(query.nodeId ? { compositionNodeId: query.nodeId } : {}),
    },
    select: { id: true, compositionNodeId: true },
  });
  const nodeOf = new Map(nodes.map((node) => [node.id, node.compositionNodeId]));
  const lines = await db.executionLog.findMany({
    where: {
      ...(query.nodeId
        ? { workflowExecutionId: { in: nodes.map((node) => node.id) } }
        : {
            OR: [
              { compositionExecutionId: execution.id },
              { workflowExecutionId: { in: nodes.map((node) => node.id) } },
            ],
          }),
      ...(query.after !== undefined ? { id: { gt: BigInt(query.after) } } : {}),
    },
    orderBy: { id: "asc" },
    take: query.limit,
  });
  return {
    lines: lines.map((line) => ({
      id: Number(line.id),
      nodeId: line.workflowExecutionId ? (nodeOf.get(line.workflowExecutionId) ?? null) : null,
      level: logLevelSchema.parse(line.level),
      message: line.message,
      data: line.data,
      createdAt: line.createdAt.toISOString(),
    })),
  };
}

/** The graph a run executed (its version snapshot), for drawing the run on the canvas. */
export async function getExecutionGraph(db: DbOrTx, user: SessionUser, executionId: string) {
  const execution = await findExecutionOrThrow(db, user, executionId);
  return (await findSnapshot(db, execution.versionId!)).document;
}
