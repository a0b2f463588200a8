import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import workerpool, { type Pool } from "workerpool";
import type { Env } from "@/lib/env";
import type { ValueType } from "@/lib/value-types";
import {
  DataSourceError,
  type Description,
  type Driver,
  type QueryLimits,
  type TableInfo,
  type Target,
  targetOf,
} from "./driver";
import { StatementRefusedError } from "./read-statement";

/** A DuckDB source's database file. */
export const duckDbFile = (env: Pick<Env, "DUCKDB_DIR">, sourceId: string) =>
  path.resolve(env.DUCKDB_DIR, `${sourceId}.duckdb`);

/** DuckDB's type names as QueryFlow's value types. */
function valueTypeOf(duckType: string): ValueType {
  const list = duckType.endsWith("[]");
  const base = duckType
    .replace(/\[\]$/, "")
    .replace(/\(.*\)/, "")
    .trim();
  const scalar: ValueType = /^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?)$/.test(base)
    ? "integer"
    : /^(DOUBLE|FLOAT|REAL|DECIMAL)$/.test(base)
      ? "number"
      : base === "DATE"
        ? "date"
        : base.startsWith("TIMESTAMP")
          ? "datetime"
          : base === "BOOLEAN"
            ? "boolean"
            : base === "JSON" || base.startsWith("STRUCT") || base.startsWith("MAP")
              ? "json"
              : "string";
  if (!list) return scalar;
  return scalar === "integer" ? "integer[]" : scalar === "number" ? "number[]" : "string[]";
}

/** A value as the PostgreSQL driver gives it: numbers as numbers (DuckDB's JSON gives BIGINT and DECIMAL as text), timestamps in ISO form. */
function plainValue(value: unknown, type: ValueType): unknown {
  if (value === null || typeof value !== "string") return value;
  if (type === "integer" || type === "number") return Number(value);
  if (type === "datetime" && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value))
    return new Date(`${value.replace(" ", "T")}Z`).toISOString();
  return value;
}

/** Limits of the processes DuckDB reads run in (lib/data-sources/duckdb-process.mjs). */
export const DUCKDB_PROCESS_LIMITS = {
  /** Query processes per server process; more reads wait their turn. */
  processes: 2,
  /** V8 heap of one process: a result of RESULT_MAX_BYTES is held there once before it is sent. */
  heapMb: 512,
  /** How long a test, schema read or describe may take before its process is killed. */
  metadataMs: 30_000,
  /** How long past its time limit a query's process is given to stop it before being killed. */
  graceMs: 2_000,
};

/**
 * Two pools: users' queries (sources, Query results nodes, describes) and QueryFlow's own reads and
 * writes of result files, so that slow user SQL never holds up a result page for anyone else.
 */
type PoolName = "queries" | "results";
const pools = new Map<PoolName, Pool>();

function processes(name: PoolName): Pool {
  const existing = pools.get(name);
  if (existing) return existing;
  const pool = workerpool.pool(path.join(process.cwd(), "lib/data-sources/duckdb-process.mjs"), {
    // Processes, not threads: a crash in DuckDB's native code ends the process it happens in.
    workerType: "process",
    maxWorkers: DUCKDB_PROCESS_LIMITS.processes,
    forkOpts: {
      execArgv: [`--max-old-space-size=${DUCKDB_PROCESS_LIMITS.heapMb}`],
      // A user's SQL has no business with the server's secrets.
      env: { NODE_ENV: process.env.NODE_ENV ?? "production" },
      serialization: "advanced",
    },
  });
  pools.set(name, pool);
  return pool;
}

/**
 * DuckDB's failures that may pass on their own: memory, an interrupted or timed-out statement, a file
 * locked by an upload. Parser, binder, catalog, conversion and permission errors would recur.
 */
const TRANSIENT_DUCKDB = /^(Out of Memory|INTERRUPT|IO) Error|ran past its time limit|lock/i;

type Answer<T> = { ok: true; value: T } | { ok: false; refused: boolean; message: string };

/** A source's file: it must exist (DuckDB would make an empty one). */
function fileOf(target: Target): string {
  const { file } = targetOf(target, "duckdb");
  if (!existsSync(file))
    throw new DataSourceError("This DuckDB source has no tables yet: upload a file first.");
  return file;
}

/**
 * One operation in a DuckDB process — on a source's file, or (`file` null) on the input tables in
 * `input.tables`, in memory, or on a result's file at `input.path` (writeResult, readResult) — killed `timeoutMs` after it starts (or when `signal` aborts); a
 * process that dies takes only its own operation with it.
 */
async function inProcess<T>(
  file: string | null,
  operation: "test" | "schema" | "describe" | "query" | "writeResult" | "readResult",
  input: Record<string, unknown>,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<T> {
  signal?.throwIfAborted();
  const pool = processes(operation.endsWith("Result") ? "results" : "queries");
  const task = pool.exec("run", [operation, file, input]).timeout(timeoutMs);
  const cancel = () => {
    // workerpool rethrows the cancellation from the listener itself; the awaiting code below gets it too.
    try {
      task.cancel();
    } catch {}
  };
  signal?.addEventListener("abort", cancel, { once: true });
  let answer: Answer<T>;
  try {
    answer = await task;
  } catch (error) {
    signal?.throwIfAborted();
    if (error instanceof workerpool.Promise.TimeoutError)
      throw new DataSourceError(`DuckDB did not answer within ${timeoutMs} ms; its process was stopped.`, {
        transient: true,
      });
    throw new DataSourceError(
      `DuckDB stopped while ${operation === "writeResult" ? "writing a result file" : operation === "readResult" ? "reading a result file" : file === null ? "reading the input tables" : "reading this source"} (out of memory?); nothing was changed: ${(error as Error).message}`,
      { transient: true },
    );
  } finally {
    signal?.removeEventListener("abort", cancel);
  }
  if (answer.ok) return answer.value;
  if (answer.refused) throw new StatementRefusedError(answer.message);
  throw new DataSourceError(answer.message, { transient: TRANSIENT_DUCKDB.test(answer.message) });
}

/** A DuckDB type is null where it depends on a parameter's value (`SELECT $1 AS y`): text then. */
type Columns = { name: string; type: string | null }[];

const outputsOf = (columns: Columns) =>
  columns.map(({ name, type }) => ({ name, type: type ? valueTypeOf(type) : "string", description: "" }));

/**
 * A table a query reads: DuckDB column types, and the Parquet file of an upstream result (a local
 * path), or none for an empty table of those types (describing a query).
 */
export interface InputTable {
  alias: string;
  columns: { name: string; type: string }[];
  path?: string;
}

/** Where a query or describe runs: a source's file, or a node's input tables in memory. */
type On = { file: string } | { tables: InputTable[] };
const fileAndInput = (on: On, input: Record<string, unknown>) =>
  "file" in on ? ([on.file, input] as const) : ([null, { ...input, tables: on.tables }] as const);

/** One read-only statement, run as `duckDbDriver.query` runs it, with rows as QueryFlow's values. */
export async function queryDuckDb(on: On, query: { text: string; values: unknown[] }, limits: QueryLimits) {
  const timeoutMs = Math.max(1, Math.floor(limits.timeoutMs));
  const [file, input] = fileAndInput(on, {
    ...query,
    timeoutMs,
    maxRows: limits.maxRows,
    maxBytes: limits.maxBytes,
  });
  const answer = await inProcess<{ columns: Columns; rows: unknown[][]; truncated: boolean }>(
    file,
    "query",
    input,
    timeoutMs + DUCKDB_PROCESS_LIMITS.graceMs,
    limits.signal,
  );
  const columns = outputsOf(answer.columns);
  const rows = answer.rows.map((values) =>
    Object.fromEntries(columns.map(({ name, type }, index) => [name, plainValue(values[index], type)])),
  );
  return { columns, rows, truncated: answer.truncated };
}

/** The parameter and column types of one read-only statement, prepared and not run. */
export async function describeDuckDb(on: On, text: string): Promise<Description> {
  const [file, input] = fileAndInput(on, { text });
  const answer = await inProcess<{ parameterTypes: (string | null)[]; columns: Columns }>(
    file,
    "describe",
    input,
    DUCKDB_PROCESS_LIMITS.metadataMs,
  );
  return {
    parameterTypes: answer.parameterTypes.map((type) => (type ? valueTypeOf(type) : null)),
    columns: outputsOf(answer.columns),
  };
}

export const duckDbDriver: Driver = {
  test: async (target) => {
    const answer = await inProcess<{ version: string; latencyMs: number }>(
      fileOf(target),
      "test",
      {},
      DUCKDB_PROCESS_LIMITS.metadataMs,
    );
    return { serverVersion: `DuckDB ${answer.version}`, latencyMs: answer.latencyMs };
  },

  schema: async (target) => {
    const rows = await inProcess<Record<string, string>[]>(
      fileOf(target),
      "schema",
      {},
      DUCKDB_PROCESS_LIMITS.metadataMs,
    );
    const tables = new Map<string, TableInfo>();
    for (const row of rows) {
      const key = `${row.schema}.${row.name}`;
      const table = tables.get(key) ?? { schema: row.schema!, name: row.name!, columns: [] };
      table.columns.push({ name: row.column!, type: row.type! });
      tables.set(key, table);
    }
    return [...tables.values()];
  },

  query: (target, query, limits: QueryLimits) => queryDuckDb({ file: fileOf(target) }, query, limits),

  describe: (target, text) => describeDuckDb({ file: fileOf(target) }, text),

  // Nothing is kept open between queries.
  release: async () => {},
};

/** How long writing or reading a result file may take before its process is killed. */
const RESULT_FILE_MS = 120_000;

/**
 * Writes rows (one JSON text) as a Parquet file at `file`, typed by `columns` (DuckDB types); a value
 * that does not fit its column's type fails the write, naming it.
 */
export async function writeParquet(
  file: string,
  columns: { name: string; type: string }[],
  rows: string,
): Promise<void> {
  await inProcess(null, "writeResult", { path: file, columns, rows }, RESULT_FILE_MS);
}

/**
 * Rows of a Parquet file as arrays of DuckDB's JSON values in `columns`' order (a page, maybe
 * sorted), with the file's DuckDB type of each column.
 */
export function readParquet(
  file: string,
  read: {
    columns: string[];
    sort?: { column: string; order: "asc" | "desc" };
    offset: number;
    limit: number;
  },
): Promise<{ types: string[]; rows: unknown[][] }> {
  return inProcess(null, "readResult", { path: file, ...read }, RESULT_FILE_MS);
}

/** Stops the DuckDB processes (tests and worker shutdown). */
export async function closeDuckDbProcesses(): Promise<void> {
  const closing = [...pools.values()];
  pools.clear();
  await Promise.all(closing.map((pool) => pool.terminate(true)));
}

/** Makes the directory DuckDB files live in. */
export function ensureDuckDbDir(env: Pick<Env, "DUCKDB_DIR">) {
  mkdirSync(path.resolve(env.DUCKDB_DIR), { recursive: true });
}
