import { queryDuckDb } from "@/lib/data-sources/drivers/duckdb";
import { duckDbColumns } from "@/lib/data-sources/drivers/duckdb-types";
import { queryAsNode } from "./sql";
import type { Executor } from "./types";

/**
 * Runs a "Query results" node: its SQL (the `query` parameter) over the tables of its table
 * connections, each a view under its alias of its upstream's Parquet file, in an in-memory DuckDB of
 * its own that may read those files and nothing else — no other file, no network, no other node's
 * data — bounded in memory, threads, time and rows.
 */
export const runResultsSql: Executor = async ({ params, inputTables, signal, env }) => {
  const tables = (await inputTables()).map(({ alias, columns, path }) => ({
    alias,
    columns: duckDbColumns(columns),
    path,
  }));
  return queryAsNode(
    (limits) => queryDuckDb({ tables }, { text: String(params.query ?? ""), values: [] }, limits),
    env,
    signal,
  );
};
