import pg from "pg";
import type { OutputField, ValueType } from "../types";
import { type Executor, ExecutorError } from "./types";

/** `:name` placeholders (not `::casts`) become `$n`; every value is bound, none is interpolated. */
export function toPositional(
  sql: string,
  params: Record<string, unknown>,
): { text: string; values: unknown[] } {
  const order: string[] = [];
  const text = sql.replace(/(?<!:):([a-z_][a-z0-9_]*)/g, (_, name: string) => {
    if (!order.includes(name)) order.push(name);
    return `$${order.indexOf(name) + 1}`;
  });
  return { text, values: order.map((name) => params[name] ?? null) };
}

const columnTypes: Record<number, ValueType> = {
  16: "boolean",
  20: "integer",
  21: "integer",
  23: "integer",
  700: "number",
  701: "number",
  1700: "number",
  1082: "date",
  1114: "datetime",
  1184: "datetime",
  114: "json",
  3802: "json",
  1009: "string[]",
  1015: "string[]",
  1005: "integer[]",
  1007: "integer[]",
  1016: "integer[]",
  1021: "number[]",
  1022: "number[]",
  1231: "number[]",
};

/** Values as JSON-friendly JavaScript: numbers for numeric and bigint, ISO strings for dates. */
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    switch (oid) {
      case 20:
      case 1700:
      case 700:
      case 701:
        return (value: string) => Number(value);
      case 1082:
        return (value: string) => value;
      case 1114:
        return (value: string) => new Date(`${value.replace(" ", "T")}Z`).toISOString();
      case 1184:
        return (value: string) => new Date(value).toISOString();
      default:
        return pg.types.getTypeParser(oid, format);
    }
  },
};

/**
 * Runs a SQL template against the warehouse: READ ONLY transaction, `statement_timeout`, on a
 * connection logged in as the role that can read only the warehouse schema, capped at SQL_MAX_ROWS rows (`truncated` says when
 * more existed). Aborting cancels the running statement in PostgreSQL.
 */
export const runSql: Executor = async ({ params, definition, signal, warehouse, env }) => {
  const { text, values } = toPositional(String(definition.sql).trim().replace(/;\s*$/, ""), params);
  const limit = env.SQL_MAX_ROWS;
  const client = await warehouse.connect();
  const cancel = () => {
    warehouse
      .query("SELECT pg_cancel_backend($1)", [(client as unknown as { processID: number }).processID])
      .catch(() => {});
  };
  signal.addEventListener("abort", cancel, { once: true });
  try {
    signal.throwIfAborted();
    await client.query("BEGIN READ ONLY");
    await client.query(`SET LOCAL statement_timeout = ${Number(env.SQL_STATEMENT_TIMEOUT_MS)}`);
    await client.query("SET LOCAL search_path = warehouse");
    const result = await client.query({
      text: `SELECT * FROM (${text}) AS result LIMIT ${limit + 1}`,
      values,
      types,
    });
    await client.query("COMMIT");
    const columns: OutputField[] = result.fields.map((field) => ({
      name: field.name,
      type: columnTypes[field.dataTypeID] ?? "string",
      description: "",
    }));
    const truncated = result.rows.length > limit;
    return { type: "table", columns, rows: truncated ? result.rows.slice(0, limit) : result.rows, truncated };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    signal.throwIfAborted();
    throw new ExecutorError(`The query failed: ${(error as Error).message}`);
  } finally {
    signal.removeEventListener("abort", cancel);
    client.release();
  }
};
