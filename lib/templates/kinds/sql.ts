import { DataSourceError } from "@/lib/data-sources/drivers/driver";
import { readOnlyQuery } from "@/lib/data-sources/drivers/postgres";
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

/**
 * Runs a SQL template against the sample warehouse, logged in as the role that may read only the
 * warehouse schema; `readOnlyQuery` keeps it to one read-only statement, bounded in time and rows.
 */
export const runSql: Executor = async ({ params, definition, signal, warehouse, env }) => {
  try {
    const result = await readOnlyQuery(warehouse, toPositional(String(definition.sql), params), {
      timeoutMs: env.SQL_STATEMENT_TIMEOUT_MS,
      maxRows: env.SQL_MAX_ROWS,
      signal,
      searchPath: "warehouse",
    });
    return { type: "table", ...result };
  } catch (error) {
    if (error instanceof DataSourceError) throw new ExecutorError(`The query failed: ${error.message}`);
    throw error;
  }
};
