// npm run bench:results — a 1,000,000-row node result (the number_series SQL template, run by the
// real engine): time to serve a 100-row page from its start, middle and end over HTTP, and frame
// times while the virtualised result table is scrolled for 2 s in Chromium; a page sorted by a
// column beside the same page as stored.
import { recordFrames, reportFrames, signedInPage, withAppInBrowser } from "@/lib/bench/browser";
import { median, progress, report, round, timeRuns } from "@/lib/bench/report";
import { exitWithError } from "../cli";

const ROWS = 1_000_000;
const RUNS = 25;
const SORTED_RUNS = 5;
const SCROLL_MS = 2_000;

async function main() {
  await withAppInBrowser({ port: 3130, postgresPort: 5530 }, async (app, browser) => {
    const api = await app.signUp();
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
        if (run.status !== "completed")
          throw new Error(`the run ${run.status}: ${JSON.stringify(run.nodes)}`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    report({
      bench: "results",
      figure: "run_1m_rows_end_to_end",
      value: round((Date.now() - started) / 1000),
      unit: "s",
    });

    const base = `/api/executions/${execution.id}/nodes/series/result`;
    for (const [where, offset] of [
      ["start", 0],
      ["middle", ROWS / 2],
      ["end", ROWS - 100],
    ] as const) {
      const times = await timeRuns(RUNS, async () => {
        const page = await api("GET", `${base}?offset=${offset}&limit=100`);
        if (page.rows.length !== 100 || page.rows[0].n !== offset + 1)
          throw new Error(`wrong page at ${offset}`);
      });
      report({
        bench: "results",
        figure: `page_100_rows_at_${where}_median`,
        value: round(median(times)),
        unit: "ms",
        target: 100,
        better: "lower",
        runs: RUNS,
      });
    }

    // Sorted by a column: PostgreSQL sorts every stored row per page (no index on result rows).
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
      baseline: { name: "the same page as stored", value: round(median(stored)) },
      better: "lower",
      runs: SORTED_RUNS,
    });

    const { page } = await signedInPage(browser, app.baseUrl, api.cookie);
    await page.goto(`${app.baseUrl}/executions/${execution.id}`);
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
}

main().catch(exitWithError);
