import { DataSourceError } from "@/lib/data-sources/drivers/driver";
import { queryDuckDb } from "@/lib/data-sources/drivers/duckdb";
import { duckDbColumns } from "@/lib/data-sources/drivers/duckdb-types";
import { type Executor, ExecutorError } from "./types";

/**
 * Runs a "Query results" node: its SQL (the `query` parameter) over the tables of its table
 * connections, each loaded under its alias into an in-memory DuckDB of its own that sees nothing
 * else — no files, no network, no other node's data — bounded in memory, threads, time and rows.
 */
export const runResultsSql: Executor = async ({ params, inputTables, signal, env }) => {
  const tables = (await inputTables()).map(({ alias, columns, rows }) => ({
    alias,
    columns: duckDbColumns(columns),
    rows: JSON.stringify(rows),
  }));
  try {
    const result = await queryDuckDb(
      { tables },
      { text: String(params.query ?? ""), values: [] },
      {
        timeoutMs: env.SQL_STATEMENT_TIMEOUT_MS,
        maxRows: env.SQL_MAX_ROWS,
        maxBytes: env.RESULT_MAX_BYTES,
        signal,
      },
    );
    return { type: "table", ...result };
  } catch (error) {
    if (error instanceof DataSourceError)
      throw new ExecutorError(`The query failed: ${error.message}`, { transient: error.transient });
    throw error;
  }
};
