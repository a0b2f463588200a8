import { DataSourceError, type QueryLimits, type TableResult } from "@/lib/data-sources/drivers/driver";
import { toPositional } from "@/lib/data-sources/sql-parameters";
import type { Env } from "@/lib/env";
import { type Executor, ExecutorError, type ExecutorResult } from "./types";

/**
 * Runs one statement of a node's SQL under the node's limits (time, rows, bytes; aborted with the
 * node); a database's refusal is the node's error, in the database's words.
 */
export async function queryAsNode(
  run: (limits: QueryLimits) => Promise<TableResult>,
  env: Env,
  signal: AbortSignal,
): Promise<ExecutorResult> {
  try {
    const result = await run({
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
}

/** Runs a SQL template on its data source (`ctx.sql`: one read-only statement). */
export const runSql: Executor = ({ params, definition, signal, sql, env }) =>
  queryAsNode((limits) => sql(toPositional(String(definition.sql), params), limits), env, signal);
