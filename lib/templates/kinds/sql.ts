import { DataSourceError } from "@/lib/data-sources/drivers/driver";
import { readOnlyQuery } from "@/lib/data-sources/drivers/postgres";
import { toPositional } from "@/lib/data-sources/sql-parameters";
import { type Executor, ExecutorError } from "./types";

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
