import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import {
  type DuckDBConnection,
  DuckDBInstance,
  type DuckDBPreparedStatement,
  type DuckDBValue,
  JsonDuckDBValueConverter,
  StatementType,
} from "@duckdb/node-api";
import type { Env } from "@/lib/env";
import type { ValueType } from "@/lib/value-types";
import {
  DataSourceError,
  type Description,
  type Driver,
  type QueryLimits,
  RowBudget,
  type Target,
  targetOf,
} from "./driver";
import { StatementRefusedError } from "./read-statement";

/** A DuckDB source's database file. */
export const duckDbFile = (env: Pick<Env, "DUCKDB_DIR">, sourceId: string) =>
  path.resolve(env.DUCKDB_DIR, `${sourceId}.duckdb`);

/**
 * Settings every query runs under, whatever its SQL says: the file opened read-only, no access to
 * files or the network (`read_csv('/etc/passwd')`, ATTACH, INSTALL and LOAD fail), bounded memory and
 * threads. `enable_external_access` cannot be switched back on while the database is open.
 */
const READ_ONLY = {
  access_mode: "READ_ONLY",
  enable_external_access: "false",
  autoinstall_known_extensions: "false",
  autoload_known_extensions: "false",
  memory_limit: "512MB",
  threads: "2",
};

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

/** Opens the source's file read-only for one piece of work; a file not made yet is an empty database. */
async function withReadOnly<T>(
  target: Target,
  use: (connection: DuckDBConnection) => Promise<T>,
): Promise<T> {
  const { file } = targetOf(target, "duckdb");
  if (!existsSync(file))
    throw new DataSourceError("This DuckDB source has no tables yet: upload a file first.");
  let instance: DuckDBInstance | undefined;
  let connection: DuckDBConnection | undefined;
  try {
    instance = await DuckDBInstance.create(file, READ_ONLY);
    connection = await instance.connect();
    return await use(connection);
  } catch (error) {
    throw error instanceof DataSourceError
      ? error
      : new DataSourceError((error as Error).message.split("\n")[0]!);
  } finally {
    connection?.closeSync();
    instance?.closeSync();
  }
}

/** A value as the PostgreSQL driver gives it: numbers as numbers (DuckDB's JSON gives BIGINT and DECIMAL as text), timestamps in ISO form. */
function plainValue(value: unknown, type: ValueType): unknown {
  if (value === null || typeof value !== "string") return value;
  if (type === "integer" || type === "number") return Number(value);
  if (type === "datetime" && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value))
    return new Date(`${value.replace(" ", "T")}Z`).toISOString();
  return value;
}

/**
 * Prepares `text` if DuckDB's own parser finds exactly one statement in it and that statement is a
 * SELECT (VALUES, FROM-first and WITH included): anything before a last statement would otherwise
 * run too (`SET memory_limit='16GB'; SELECT …`). Nothing runs here.
 */
async function prepareRead(connection: DuckDBConnection, text: string): Promise<DuckDBPreparedStatement> {
  const extracted = await connection.extractStatements(text);
  if (extracted.count !== 1)
    throw new StatementRefusedError(
      extracted.count === 0
        ? "The SQL holds no statement: write one SELECT."
        : `The SQL holds ${extracted.count} statements: QueryFlow runs exactly one SELECT.`,
    );
  const prepared = await extracted.prepare(0);
  if (prepared.statementType !== StatementType.SELECT) {
    const kind = StatementType[prepared.statementType] ?? "not a query";
    prepared.destroySync();
    throw new StatementRefusedError(
      `The SQL is ${kind.replace(/_STATEMENT$/, "").replaceAll("_", " ")}: QueryFlow runs only reads (SELECT, WITH … SELECT, FROM …, VALUES).`,
    );
  }
  return prepared;
}

export const duckDbDriver: Driver = {
  test: (target) =>
    withReadOnly(target, async (connection) => {
      const started = performance.now();
      const reader = await connection.runAndReadAll("SELECT version() AS version");
      const version = String(reader.getRowObjectsJson()[0]!.version);
      return { serverVersion: `DuckDB ${version}`, latencyMs: Math.round(performance.now() - started) };
    }),

  schema: (target) =>
    withReadOnly(target, async (connection) => {
      const reader = await connection.runAndReadAll(
        `SELECT table_schema AS schema, table_name AS name, column_name AS column, data_type AS type
         FROM information_schema.columns ORDER BY 1, 2, ordinal_position`,
      );
      const tables = new Map<
        string,
        { schema: string; name: string; columns: { name: string; type: string }[] }
      >();
      for (const row of reader.getRowObjectsJson() as Record<string, string>[]) {
        const key = `${row.schema}.${row.name}`;
        const table = tables.get(key) ?? { schema: row.schema!, name: row.name!, columns: [] };
        table.columns.push({ name: row.column!, type: row.type! });
        tables.set(key, table);
      }
      return [...tables.values()];
    }),

  query: (target, query, limits: QueryLimits) =>
    withReadOnly(target, async (connection) => {
      const prepared = await prepareRead(connection, query.text);
      // DuckDB has no statement_timeout: the statement is interrupted when the time or the run is up.
      const stop = () => connection.interrupt();
      const timer = setTimeout(stop, limits.timeoutMs);
      limits.signal?.addEventListener("abort", stop, { once: true });
      try {
        prepared.bind(query.values as DuckDBValue[]);
        const result = await prepared.stream();
        const columns = result.columnNames().map((name, index) => ({
          name,
          type: valueTypeOf(String(result.columnTypes()[index])),
          description: "",
        }));
        const budget = new RowBudget(limits);
        // Row by row, so that the byte limit is passed by one row at most, not by a chunk of 2,048.
        reading: for (;;) {
          const chunk = await result.fetchChunk();
          limits.signal?.throwIfAborted();
          if (!chunk?.rowCount) break;
          for (let index = 0; index < chunk.rowCount; index++) {
            const values = chunk.convertRowValues(index, JsonDuckDBValueConverter);
            const row = Object.fromEntries(
              columns.map(({ name, type }, column) => [name, plainValue(values[column], type)]),
            );
            if (!budget.add([row], JSON.stringify(row).length)) break reading;
          }
        }
        return { columns, rows: budget.rows, truncated: budget.truncated };
      } finally {
        prepared.destroySync();
        clearTimeout(timer);
        limits.signal?.removeEventListener("abort", stop);
      }
    }),

  describe: (target, text): Promise<Description> =>
    withReadOnly(target, async (connection) => {
      const prepared = await prepareRead(connection, text);
      return {
        // Parameters count from 1, columns from 0.
        parameterTypes: Array.from({ length: prepared.parameterCount }, (_, index) =>
          valueTypeOf(String(prepared.parameterType(index + 1))),
        ),
        columns: Array.from({ length: prepared.columnCount }, (_, index) => ({
          name: prepared.columnName(index),
          type: valueTypeOf(String(prepared.columnType(index))),
          description: "",
        })),
      };
    }),

  // Nothing is kept open between queries.
  release: async () => {},
};

/** Makes the directory DuckDB files live in. */
export function ensureDuckDbDir(env: Pick<Env, "DUCKDB_DIR">) {
  mkdirSync(path.resolve(env.DUCKDB_DIR), { recursive: true });
}
