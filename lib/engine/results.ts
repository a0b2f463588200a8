import { readFile, rm } from "node:fs/promises";
import { readParquet, writeParquet } from "@/lib/data-sources/drivers/duckdb";
import { duckDbType } from "@/lib/data-sources/drivers/duckdb-types";
import type { Sql } from "@/lib/db/sql";
import type { Env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { cachedFile, keepLocally, localResultFile, nameOf, scratchFile } from "@/lib/results/cache";
import { type FileRef, resultStore } from "@/lib/results/store";
import { rowsOf, storageTypes } from "@/lib/results/values";
import type { ExecutorResult } from "@/lib/templates/kinds/types";
import type { OutputField } from "@/lib/value-types";

export type ResultMetadata =
  | {
      type: "table";
      columns: OutputField[];
      rowCount: number;
      truncated: boolean;
      /**
       * Its Parquet file in the result store. Absent for a table with no columns (its rows are all
       * empty) and in runs made before the store, whose rows are JSON chunks in node_results.
       */
      file?: FileRef;
    }
  | { type: "json" };

type TableMetadata = Extract<ResultMetadata, { type: "table" }>;
type TableResult = Extract<ExecutorResult, { type: "table" }>;

/** A JSON result is kept in the node execution's row: nothing to write elsewhere. */
export function storedJson(value: unknown): { output: unknown; metadata: ResultMetadata } {
  return { output: value, metadata: { type: "json" } };
}

/** A table result written as a Parquet file beside the cache, not stored yet. */
export interface ResultFile {
  path: string;
  bytes: Buffer;
}

/**
 * Rows as a Parquet file, each column in its declared type where all its values fit it and as JSON
 * where not (storageTypes), a row without a column's key holding null there; DuckDB parses the rows
 * strictly, so nothing becomes null that was not.
 */
function writeRows(file: string, columns: OutputField[], rows: Record<string, unknown>[]) {
  const types = storageTypes(columns, rows, duckDbType);
  const names = columns.map(({ name }) => name);
  // Rows of a query have every column; an API's may not (copying a million rows costs a second).
  const sparse = rows.some((row) => names.some((name) => !(name in row)));
  const complete = sparse
    ? rows.map((row) => Object.fromEntries(names.map((name) => [name, row[name] ?? null])))
    : rows;
  return writeParquet(
    file,
    names.map((name, index) => ({ name, type: types[index]! })),
    JSON.stringify(complete),
  );
}

/** Writes a table result as Parquet (writeRows); null for a table with no columns, which Parquet cannot hold. */
export async function writeResultFile(env: Env, result: TableResult): Promise<ResultFile | null> {
  if (!result.columns.length) return null;
  const path = scratchFile(env);
  try {
    await writeRows(path, result.columns, result.rows);
    return { path, bytes: await readFile(path) };
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
}

/**
 * Stores a written result file in the result store — in the caller's transaction for `postgres` —
 * and returns what goes in the node execution's `output` and `result_metadata`.
 */
export async function storeResult(
  sql: Sql,
  env: Env,
  nodeExecutionId: string,
  result: TableResult,
  file: ResultFile | null,
): Promise<{ output: unknown; metadata: ResultMetadata }> {
  const ref = file ? await resultStore(env).put(sql, nodeExecutionId, file.bytes) : undefined;
  const metadata: ResultMetadata = {
    type: "table",
    columns: result.columns,
    rowCount: result.rows.length,
    truncated: result.truncated,
    ...(ref ? { file: ref } : {}),
  };
  return { output: { rowCount: result.rows.length }, metadata };
}

/**
 * After its transaction: a committed file becomes this process's cached copy (a failure there costs
 * only a later fetch); a stored file whose transaction certainly rolled back is removed. When the
 * outcome is unknown (the connection dropped at COMMIT) the stored file stays: if nothing refers to
 * it, the daily sweep removes it.
 */
export async function settleResultFile(
  env: Env,
  file: ResultFile,
  nodeExecutionId: string,
  stored: { metadata: ResultMetadata } | undefined,
  outcome: "committed" | "rolled back" | "unknown",
) {
  const ref = stored?.metadata.type === "table" ? stored.metadata.file : undefined;
  try {
    if (outcome === "committed" && ref) return await keepLocally(env, file.path, nodeExecutionId, ref);
    await rm(file.path, { force: true });
    if (outcome === "rolled back" && ref) await resultStore(env).discard(ref);
  } catch (error) {
    console.error(`worker: the result file of node execution ${nodeExecutionId} was not tidied: ${error}`);
  }
}

/**
 * A table result's Parquet file on this machine (what pages and Query results nodes read). A result
 * kept as JSON chunks (runs before the result store) is written as Parquet into the cache on its
 * first read, so every read is DuckDB's.
 */
export function parquetOf(env: Env, sql: Sql, nodeExecutionId: string, metadata: TableMetadata) {
  if (metadata.file) return localResultFile(env, sql, nodeExecutionId, metadata.file);
  return cachedFile(env, nameOf(nodeExecutionId), async (scratch) =>
    writeRows(scratch, metadata.columns, await chunkRows(sql, nodeExecutionId)),
  );
}

async function chunkRows(sql: Sql, nodeExecutionId: string): Promise<Record<string, unknown>[]> {
  const { rows } = await sql.query<{ rows: Record<string, unknown>[] }>(
    "SELECT rows FROM node_results WHERE workflow_execution_id = $1::uuid ORDER BY chunk_index",
    [nodeExecutionId],
  );
  return rows.flatMap((chunk) => chunk.rows);
}

/** A cached copy removed (RESULTS_CACHE_MB) between finding it and DuckDB opening it. */
const GONE = /No files found|No such file|Cannot open file/i;

export type ResultSort = { column: OutputField; order: "asc" | "desc" };

/**
 * Rows `offset` to `offset + limit` of a table result, as stored or sorted by one column (by its
 * type: numbers as numbers, dates as dates; empty cells last, then the stored order), read by DuckDB
 * from the result's Parquet file.
 */
export async function readRows(
  env: Env,
  sql: Sql,
  nodeExecutionId: string,
  metadata: TableMetadata,
  page: { offset: number; limit: number; sort?: ResultSort },
): Promise<Record<string, unknown>[]> {
  if (page.limit <= 0 || page.offset >= metadata.rowCount) return [];
  if (!metadata.columns.length)
    return Array.from({ length: Math.min(page.limit, metadata.rowCount - page.offset) }, () => ({}));
  const read = async () =>
    readParquet(await parquetOf(env, sql, nodeExecutionId, metadata), {
      columns: metadata.columns.map(({ name }) => name),
      sort: page.sort && { column: page.sort.column.name, order: page.sort.order },
      offset: page.offset,
      limit: page.limit,
    });
  const values = await read().catch((error: Error) => {
    if (GONE.test(error.message)) return read();
    throw error;
  });
  return rowsOf(metadata.columns, values);
}

/** Every row of a node's result: the table's rows, or a JSON output as one row (or its elements). */
export async function allRows(
  env: Env,
  sql: Sql,
  execution: { id: string; output: Prisma.JsonValue | null; resultMetadata: Prisma.JsonValue | null },
): Promise<unknown[]> {
  const metadata = execution.resultMetadata as ResultMetadata | null;
  if (metadata?.type === "table")
    return readRows(env, sql, execution.id, metadata, { offset: 0, limit: metadata.rowCount });
  return Array.isArray(execution.output) ? execution.output : [execution.output];
}
