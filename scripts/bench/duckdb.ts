// npm run bench:duckdb — what running DuckDB reads in query processes costs: one preview-sized query
// through the driver (a query process opens the file, reads, answers over IPC) beside the same query
// opened and read in this process, as the driver did before; and the event loop's longest stall while
// a heavy query runs.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { longestTickDuring, median, progress, report, round, timeRuns } from "@/lib/bench/report";
import { closeDuckDbProcesses, duckDbDriver } from "@/lib/data-sources/drivers/duckdb";
import { exitWithError } from "../cli";

const RUNS = 100;
const SQL =
  "SELECT day, sum(amount) AS total, count(*) AS orders FROM orders GROUP BY day ORDER BY day LIMIT 100";
const limits = { timeoutMs: 60_000, maxRows: 1_000, maxBytes: 64 << 20 };

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "queryflow-bench-duckdb-"));
  const file = path.join(dir, "source.duckdb");
  try {
    progress("making a source of 1,000,000 orders over 365 days");
    const setup = await DuckDBInstance.create(file);
    const connection = await setup.connect();
    await connection.run(
      "CREATE TABLE orders AS SELECT DATE '2025-01-01' + (range % 365)::INTEGER AS day, (range % 997) / 10.0 AS amount FROM range(1000000)",
    );
    connection.closeSync();
    setup.closeSync();
    const target = { kind: "duckdb" as const, key: "bench", file };

    progress(`running one grouped query ${RUNS} times through the query processes and in this process`);
    const isolated = median(
      await timeRuns(RUNS, () => duckDbDriver.query(target, { text: SQL, values: [] }, limits), 5),
    );
    const inline = median(
      await timeRuns(
        RUNS,
        async () => {
          const instance = await DuckDBInstance.create(file, { access_mode: "READ_ONLY" });
          const reader = await (await instance.connect()).runAndReadAll(SQL);
          reader.getRowObjectsJson();
          instance.closeSync();
        },
        5,
      ),
    );
    report({
      bench: "duckdb",
      figure: "query_median",
      value: round(isolated, 2),
      unit: "ms",
      better: "lower",
      baseline: { name: "duckdb_in_this_process", value: round(inline, 2) },
      runs: RUNS,
    });

    progress("running a heavy query (stopped at 3 s) while timing the event loop");
    const started = performance.now();
    const { answer: stopped, longestMs: longest } = await longestTickDuring(() =>
      duckDbDriver
        .query(
          target,
          { text: "SELECT count(*) FROM orders a, orders b WHERE (a.amount + b.amount) % 7 = 3", values: [] },
          { ...limits, timeoutMs: 3_000 },
        )
        .then(
          () => "finished",
          (error: Error) => error.message,
        ),
    );
    const stoppedAfter = performance.now() - started;
    progress(`the heavy query: ${stopped}`);
    report({
      bench: "duckdb",
      figure: "heavy_query_stopped_after",
      value: round(stoppedAfter, 0),
      unit: "ms",
      baseline: { name: "time_limit", value: 3_000 },
    });
    report({
      bench: "duckdb",
      figure: "event_loop_longest_tick_during_heavy_query",
      value: round(longest, 1),
      unit: "ms",
      better: "lower",
      baseline: { name: "timer_interval", value: 10 },
    });
  } finally {
    await closeDuckDbProcesses();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(exitWithError);
