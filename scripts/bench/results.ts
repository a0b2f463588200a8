// npm run bench:results — a 1,000,000-row node result (the number_series SQL template, run by the
// real engine) in the result store: the run end to end; a 100-row page from its start, middle and
// end over HTTP, and sorted by a column, beside the page as stored; a page from a cold local cache;
// the same on the `s3` store against a local S3-compatible server, beside the `postgres` store;
// writing the rows as Parquet beside bare DuckDB writing them; frame times while the virtualised
// result table is scrolled for 2 s in Chromium.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { startAppForBench } from "@/lib/bench/app";
import { recordFrames, reportFrames, signedInPage, withAppInBrowser } from "@/lib/bench/browser";
import { median, progress, report, round, timeRuns } from "@/lib/bench/report";
import { closeDuckDbProcesses } from "@/lib/data-sources/drivers/duckdb";
import { writeResultFile } from "@/lib/engine/results";
import { parseEnv } from "@/lib/env";
import { startS3Server } from "@/lib/testing/s3";
import { exitWithError } from "../cli";

const ROWS = 1_000_000;
const RUNS = 25;
const SORTED_RUNS = 5;
const COLD_RUNS = 5;
const SCROLL_MS = 2_000;

type BenchApp = Awaited<ReturnType<typeof startAppForBench>>;
type Api = Awaited<ReturnType<BenchApp["signUp"]>>;

/** Runs number_series with a million rows to the end; its result's page URL and the run's seconds. */
async function millionRowRun(api: Api) {
  const composition = await api("POST", "/api/compositions", {
    name: "A million rows",
    nodes: [{ nodeId: "series", templateId: "number_series", parameterOverrides: { count: ROWS } }],
  });
  progress(`running number_series with count ${ROWS}`);
  const started = Date.now();
  const { execution } = await api("POST", `/api/compositions/${composition.id}/executions`, {});
  for (;;) {
    const run = await api("GET", `/api/executions/${execution.id}`);
    if (run.finishedAt) {
      if (run.status !== "completed") throw new Error(`the run ${run.status}: ${JSON.stringify(run.nodes)}`);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    executionId: execution.id as string,
    seconds: (Date.now() - started) / 1000,
    base: `/api/executions/${execution.id}/nodes/series/result`,
  };
}

async function pageAt(api: Api, base: string, offset: number) {
  const page = await api("GET", `${base}?offset=${offset}&limit=100`);
  if (page.rows.length !== 100 || page.rows[0].n !== offset + 1) throw new Error(`wrong page at ${offset}`);
}

/** The first page read after this process's local copies of result files are gone: from the store. */
async function coldPages(app: BenchApp, api: Api, base: string) {
  const cache = path.join(app.dataDir, "result-cache");
  const times: number[] = [];
  for (let run = 0; run < COLD_RUNS; run++) {
    for (const name of readdirSync(cache)) if (name.endsWith(".parquet")) rmSync(path.join(cache, name));
    const started = performance.now();
    await pageAt(api, base, ROWS / 2);
    times.push(performance.now() - started);
  }
  return times;
}

/** A million rows shaped as number_series's, written as Parquet by the result store and by bare DuckDB. */
async function writeFigures() {
  const rows = Array.from({ length: ROWS }, (_, index) => ({
    n: index + 1,
    label: `row ${index + 1}`,
    bucket: (index + 1) % 10,
    value: ((index * 7919) % 1000) / 10,
  }));
  const dir = mkdtempSync(path.join(tmpdir(), "queryflow-bench-parquet-"));
  const env = parseEnv({ RESULTS_CACHE_DIR: dir });
  const columns = [
    { name: "n", type: "integer" as const, description: "" },
    { name: "label", type: "string" as const, description: "" },
    { name: "bucket", type: "integer" as const, description: "" },
    { name: "value", type: "number" as const, description: "" },
  ];
  try {
    const ours = await timeRuns(
      3,
      async () => {
        const file = await writeResultFile(env, { type: "table", columns, rows, truncated: false });
        rmSync(file!.path);
      },
      1,
    );
    const bare = await timeRuns(
      3,
      async () => {
        const instance = await DuckDBInstance.create(":memory:");
        const connection = await instance.connect();
        await connection.run("CREATE TABLE t (n BIGINT, label VARCHAR, bucket BIGINT, value DOUBLE)");
        const appender = await connection.createAppender("t");
        for (const row of rows) {
          appender.appendBigInt(BigInt(row.n));
          appender.appendVarchar(row.label);
          appender.appendBigInt(BigInt(row.bucket));
          appender.appendDouble(row.value);
          appender.endRow();
        }
        appender.closeSync();
        await connection.run(`COPY t TO '${path.join(dir, "bare.parquet")}' (FORMAT parquet)`);
        connection.closeSync();
        instance.closeSync();
      },
      1,
    );
    report({
      bench: "results",
      figure: "write_1m_rows_as_parquet_median",
      value: round(median(ours)),
      unit: "ms",
      baseline: {
        name: "bare DuckDB: the same rows appended in-process, then COPY TO parquet",
        value: round(median(bare)),
      },
      better: "lower",
      runs: 3,
    });
  } finally {
    await closeDuckDbProcesses();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Warm and cold middle pages on the `s3` store (a local s3rver), beside the `postgres` store's. */
async function s3Figures(postgres: { warm: number; cold: number }) {
  const s3 = await startS3Server();
  const app = await startAppForBench({ port: 3131, postgresPort: 5531, env: s3.env });
  try {
    const api = await app.signUp();
    const { base } = await millionRowRun(api);
    const warm = median(await timeRuns(RUNS, () => pageAt(api, base, ROWS / 2)));
    const cold = median(await coldPages(app, api, base));
    report({
      bench: "results",
      figure: "s3_store_page_100_rows_at_middle_median",
      value: round(warm),
      unit: "ms",
      baseline: { name: "the postgres store, same page", value: round(postgres.warm) },
      better: "lower",
      runs: RUNS,
    });
    report({
      bench: "results",
      figure: "s3_store_page_from_cold_cache_median",
      value: round(cold),
      unit: "ms",
      baseline: { name: "the postgres store, same page from a cold cache", value: round(postgres.cold) },
      better: "lower",
      runs: COLD_RUNS,
    });
  } finally {
    await app.stop();
    await s3.stop();
  }
}

async function main() {
  await writeFigures();
  const postgres = { warm: 0, cold: 0 };
  await withAppInBrowser({ port: 3130, postgresPort: 5530 }, async (app, browser) => {
    const api = await app.signUp();
    const { executionId, seconds, base } = await millionRowRun(api);
    report({
      bench: "results",
      figure: "run_1m_rows_end_to_end",
      value: round(seconds),
      unit: "s",
      better: "lower",
    });

    for (const [where, offset] of [
      ["start", 0],
      ["middle", ROWS / 2],
      ["end", ROWS - 100],
    ] as const) {
      const times = await timeRuns(RUNS, () => pageAt(api, base, offset));
      if (where === "middle") postgres.warm = median(times);
      report({
        bench: "results",
        figure: `page_100_rows_at_${where}_median`,
        value: round(median(times)),
        unit: "ms",
        target: 50,
        better: "lower",
        runs: RUNS,
      });
    }

    // Sorted by a column: DuckDB's top-N over the Parquet file, per page.
    const stored = await timeRuns(SORTED_RUNS, () => api("GET", `${base}?offset=0&limit=100`));
    const sorted = await timeRuns(SORTED_RUNS, async () => {
      const page = await api("GET", `${base}?offset=0&limit=100&sort=value&order=desc`);
      if (page.rows[0].value < page.rows[99].value) throw new Error("not sorted");
    });
    report({
      bench: "results",
      figure: "page_100_rows_sorted_by_a_column_median",
      value: round(median(sorted)),
      unit: "ms",
      target: 100,
      baseline: { name: "the same page as stored", value: round(median(stored)) },
      better: "lower",
      runs: SORTED_RUNS,
    });
    postgres.cold = median(await coldPages(app, api, base));
    report({
      bench: "results",
      figure: "page_from_cold_cache_median",
      value: round(postgres.cold),
      unit: "ms",
      baseline: { name: "the same page from the local copy", value: round(postgres.warm) },
      better: "lower",
      runs: COLD_RUNS,
    });

    const { page } = await signedInPage(browser, app.baseUrl, api.cookie);
    await page.goto(`${app.baseUrl}/executions/${executionId}`);
    await page.getByTestId("node-series").click();
    const table = page.getByRole("table", { name: "Result rows" });
    await table.getByRole("row").nth(1).filter({ hasText: "row 1" }).waitFor();
    // A steady scroll, 600 px a frame, as a fast wheel or a dragged scrollbar would.
    const frames = await recordFrames(
      page,
      `(frame) => { document.querySelector('table[aria-label="Result rows"]').parentElement.scrollTop = frame * 600; }`,
      SCROLL_MS,
    );
    const reached = await page.getByTestId("visible-rows").textContent();
    progress(`scrolled ${frames.length} frames in ${SCROLL_MS} ms; the table shows ${reached}`);
    reportFrames("results", "scroll_frame", frames);
  });
  await s3Figures(postgres);
}

main().catch(exitWithError);
