import { DataSourceError } from "@/lib/data-sources/drivers/driver";
import { toPositional } from "@/lib/data-sources/sql-parameters";
import { type Executor, ExecutorError } from "./types";

/**
 * Runs a SQL template on its data source (`ctx.sql`: one read-only statement, bounded in time and
 * rows); a database's refusal is the node's error, in the database's words.
 */
export const runSql: Executor = async ({ params, definition, signal, sql, env }) => {
  try {
    const result = await sql(toPositional(String(definition.sql), params), {
      timeoutMs: env.SQL_STATEMENT_TIMEOUT_MS,
      maxRows: env.SQL_MAX_ROWS,
      maxBytes: env.RESULT_MAX_BYTES,
      signal,
    });
    return { type: "table", ...result };
  } catch (error) {
    if (error instanceof DataSourceError)
      throw new ExecutorError(`The query failed: ${error.message}`, { transient: error.transient });
    throw error;
  }
};
