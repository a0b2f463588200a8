import type { DbOrTx } from "@/lib/db/client";
import type { Sql } from "@/lib/db/sql";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ExecutorResult } from "@/lib/templates/kinds/types";
import type { OutputField } from "@/lib/value-types";

/** Rows per node_results chunk: a page at any offset reads one or two chunks. */
export const CHUNK_ROWS = 1000;
/** Chunks written per INSERT, to keep one statement's parameters small. */
const CHUNKS_PER_INSERT = 100;

export type ResultMetadata =
  | { type: "table"; columns: OutputField[]; rowCount: number; truncated: boolean; chunkRows: number }
  | { type: "json" };

/** A JSON result is kept in the node execution's row: nothing to write elsewhere. */
export function storedJson(value: unknown): { output: unknown; metadata: ResultMetadata } {
  return { output: value, metadata: { type: "json" } };
}

/**
 * Stores an executor's result in the caller's transaction: tables as chunks of rows in node_results,
 * JSON values in the node execution's `output`. Returns what goes in `output` and `result_metadata`.
 */
export async function storeResult(
  sql: Sql,
  nodeExecutionId: string,
  result: ExecutorResult,
): Promise<{ output: unknown; metadata: ResultMetadata }> {
  if (result.type === "json") return storedJson(result.value);
  const chunks: string[] = [];
  for (let offset = 0; offset < result.rows.length; offset += CHUNK_ROWS) {
    chunks.push(JSON.stringify(result.rows.slice(offset, offset + CHUNK_ROWS)));
  }
  for (let first = 0; first < chunks.length; first += CHUNKS_PER_INSERT) {
    const batch = chunks.slice(first, first + CHUNKS_PER_INSERT);
    const indexes = batch.map((_, i) => first + i);
    await sql.query(
      `INSERT INTO node_results (workflow_execution_id, chunk_index, row_offset, row_count, rows)
       SELECT $1::uuid, i, i * $2::int, jsonb_array_length(r), r
       FROM unnest($3::int[], $4::jsonb[]) AS chunk(i, r) RETURNING chunk_index`,
      [nodeExecutionId, CHUNK_ROWS, indexes, batch],
    );
  }
  const metadata: ResultMetadata = {
    type: "table",
    columns: result.columns,
    rowCount: result.rows.length,
    truncated: result.truncated,
    chunkRows: CHUNK_ROWS,
  };
  return { output: { rowCount: result.rows.length }, metadata };
}

/** Rows `offset` to `offset + limit` of a tabular result, reading only the chunks they lie in. */
export async function readRows(
  db: DbOrTx,
  nodeExecutionId: string,
  offset: number,
  limit: number,
): Promise<Record<string, unknown>[]> {
  if (limit <= 0) return [];
  const firstChunk = Math.floor(offset / CHUNK_ROWS);
  const lastChunk = Math.floor((offset + limit - 1) / CHUNK_ROWS);
  const chunks = await db.nodeResult.findMany({
    where: { workflowExecutionId: nodeExecutionId, chunkIndex: { gte: firstChunk, lte: lastChunk } },
    orderBy: { chunkIndex: "asc" },
    select: { rowOffset: true, rows: true },
  });
  const rows = chunks.flatMap((chunk) => chunk.rows as Record<string, unknown>[]);
  const skip = offset - (chunks[0]?.rowOffset ?? offset);
  return rows.slice(skip, skip + limit);
}

export type ResultSort = { column: OutputField; order: "asc" | "desc" };

/**
 * Rows `offset` to `offset + limit` of a tabular result in the order of one column, sorted by
 * PostgreSQL over the stored chunks (numbers as numbers, everything else as text; empty cells
 * last, then the original order). Costs a sort of the whole result per page: fine for the row caps
 * results have (SQL_MAX_ROWS), measured in bench:results.
 */
export async function readSortedRows(
  db: DbOrTx,
  nodeExecutionId: string,
  sort: ResultSort,
  offset: number,
  limit: number,
): Promise<Record<string, unknown>[]> {
  const name = sort.column.name;
  const key =
    sort.column.type === "number" || sort.column.type === "integer"
      ? Prisma.sql`CASE WHEN jsonb_typeof(r.value -> ${name}) = 'number' THEN (r.value ->> ${name})::numeric END`
      : Prisma.sql`r.value ->> ${name}`;
  const direction = sort.order === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const rows = await db.$queryRaw<{ row: Record<string, unknown> }[]>`
    SELECT r.value AS row
    FROM node_results nr CROSS JOIN LATERAL jsonb_array_elements(nr.rows) WITH ORDINALITY AS r(value, n)
    WHERE nr.workflow_execution_id = ${nodeExecutionId}::uuid
    ORDER BY ${key} ${direction} NULLS LAST, nr.chunk_index, r.n
    OFFSET ${offset} LIMIT ${limit}`;
  return rows.map(({ row }) => row);
}

/** Every row of a node's result: the table's rows, or a JSON output as one row (or its elements). */
export async function allRows(
  db: DbOrTx,
  execution: { id: string; output: Prisma.JsonValue | null; resultMetadata: Prisma.JsonValue | null },
) {
  const metadata = execution.resultMetadata as ResultMetadata | null;
  if (metadata?.type === "table") {
    const chunks = await db.nodeResult.findMany({
      where: { workflowExecutionId: execution.id },
      orderBy: { chunkIndex: "asc" },
      select: { rows: true },
    });
    return chunks.flatMap((chunk) => chunk.rows as unknown[]);
  }
  return Array.isArray(execution.output) ? execution.output : [execution.output];
}
