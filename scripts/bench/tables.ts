// npm run bench:tables — a "Query results" node joining two 1,000,000-row upstream results (two
// number_series nodes, run by the real engine), beside the same query in bare DuckDB over the same
// Parquet files in the same run; the answer of both compared; the web process's memory (it runs the
// worker) sampled while the runs go.
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { startAppForBench } from "@/lib/bench/app";
import { median, progress, report, round } from "@/lib/bench/report";
import { exitWithError } from "../cli";

const ROWS = 1_000_000;
const RUNS = 3;
const JOIN = (
  a: string,
  b: string,
) => `SELECT a.bucket, count(*) AS pairs, round(sum(a.value + b.value), 1) AS total
FROM ${a} AS a JOIN ${b} AS b ON b.n = a.n
GROUP BY a.bucket ORDER BY a.bucket`;

async function main() {
  const app = await startAppForBench({ port: 3132, postgresPort: 5532 });
  try {
    const api = await app.signUp();
    const composition = await api("POST", "/api/compositions", {
      name: "Two million-row tables joined",
      nodes: [
        { nodeId: "left", templateId: "number_series", parameterOverrides: { count: ROWS } },
        { nodeId: "right", templateId: "number_series", parameterOverrides: { count: ROWS } },
        { nodeId: "joined", templateId: "query_results", parameterOverrides: { query: JOIN("l", "r") } },
      ],
      connections: [
        { connectionId: "l", sourceNodeId: "left", targetNodeId: "joined", kind: "table", alias: "l" },
        { connectionId: "r", sourceNodeId: "right", targetNodeId: "joined", kind: "table", alias: "r" },
      ],
    });
    const nodeTimes: number[] = [];
    const bareTimes: number[] = [];
    let peakRssMb = 0;
    for (let run = 1; run <= RUNS; run++) {
      progress(`run ${run} of ${RUNS}: two number_series of ${ROWS} rows, joined`);
      const { execution } = await api("POST", `/api/compositions/${composition.id}/executions`, {});
      let finished = await api("GET", `/api/executions/${execution.id}`);
      while (!finished.finishedAt) {
        peakRssMb = Math.max(peakRssMb, app.webRssMb());
        await new Promise((resolve) => setTimeout(resolve, 100));
        finished = await api("GET", `/api/executions/${execution.id}`);
      }
      if (finished.status !== "completed")
        throw new Error(`the run ${finished.status}: ${JSON.stringify(finished.nodes)}`);
      const node = (id: string) =>
        finished.nodes.find((candidate: { nodeId: string }) => candidate.nodeId === id);
      nodeTimes.push(node("joined").durationMs);

      // The same query in bare DuckDB, over the upstream results' Parquet files as the worker keeps them.
      const file = (id: string) => `'${path.resolve(app.dataDir, "result-cache", `${node(id).id}.parquet`)}'`;
      const instance = await DuckDBInstance.create(":memory:", { threads: "2", memory_limit: "384MB" });
      const connection = await instance.connect();
      const started = performance.now();
      const bare = await connection.runAndReadAll(
        JOIN(`read_parquet(${file("left")})`, `read_parquet(${file("right")})`),
      );
      bareTimes.push(performance.now() - started);
      const expected = bare
        .getRowObjectsJson()
        .map((row) => ({ ...row, bucket: Number(row.bucket), pairs: Number(row.pairs) }));
      connection.closeSync();
      instance.closeSync();
      const page = await api("GET", `/api/executions/${execution.id}/nodes/joined/result?limit=100`);
      if (JSON.stringify(page.rows) !== JSON.stringify(expected))
        throw new Error(
          `the node's rows differ from bare DuckDB's: ${JSON.stringify(page.rows)} vs ${JSON.stringify(expected)}`,
        );
    }
    report({
      bench: "tables",
      figure: "join_two_1m_row_results_node_median",
      value: round(median(nodeTimes)),
      unit: "ms",
      baseline: {
        name: "the same query in bare DuckDB over the same Parquet files",
        value: round(median(bareTimes)),
      },
      better: "lower",
      runs: RUNS,
    });
    report({
      bench: "tables",
      figure: "web_process_with_worker_peak_rss",
      value: round(peakRssMb, 0),
      unit: "MB",
      better: "lower",
      runs: RUNS,
    });
  } finally {
    await app.stop();
  }
}

main().catch(exitWithError);
