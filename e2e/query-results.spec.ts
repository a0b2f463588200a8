import { randomUUID } from "node:crypto";
import { canvas, connect, inspector, modifier, node, openOwn } from "./canvas";
import { expect, test, waitForFinish } from "./fixtures";

// Tables between nodes, in Chromium as a user builds them: connect two nodes' results into a
// "Query results" node, write SQL over them with completion of their columns, run it, read it.

test.describe("a Query results node", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("reads two upstream results as tables, queries them, and its rows are theirs", async ({
    page,
    baseURL,
  }) => {
    const { api, created } = await openOwn(page, baseURL!, {
      name: `Tables ${randomUUID().slice(0, 6)}`,
      globalParameters: { start_date: "2025-01-01", end_date: "2025-01-31" },
      nodes: [
        {
          nodeId: "top",
          templateId: "top_campaigns",
          position: { x: 0, y: 0 },
          parameterOverrides: { limit: 5 },
        },
        { nodeId: "daily", templateId: "campaign_daily_performance", position: { x: 320, y: 0 } },
        { nodeId: "q", templateId: "query_results", position: { x: 640, y: 120 } },
      ],
      connections: [
        {
          connectionId: "top_daily",
          sourceNodeId: "top",
          targetNodeId: "daily",
          fieldMappings: { campaign_ids: "campaign_id" },
          transformationRules: { campaign_ids: "collect" },
        },
      ],
    });

    // Into a Query results node a connection is a table, named by its source's label.
    await connect(page, "daily", "q");
    const editor = page.getByRole("group", { name: "Mapping editor" });
    await expect(editor.getByRole("heading", { name: "Table" })).toBeVisible();
    await expect(editor.getByLabel("Table alias")).toHaveValue("daily_performance");
    await expect(editor).toContainText("metric_date (date)");
    await connect(page, "top", "q");
    await expect(editor.getByLabel("Table alias")).toHaveValue("top_campaigns");
    await editor.getByLabel("Table alias").fill("top");
    await expect(canvas(page).getByText("⊞ top", { exact: true })).toBeVisible();
    await expect(canvas(page).getByText("⊞ daily_performance")).toBeVisible();

    // Its SQL completes the tables' columns by alias.
    await node(page, "q").click();
    const sql = inspector(page).getByRole("textbox", { name: "SQL" });
    await sql.click();
    await page.keyboard.type("select count(*) as days, sum(d.spe");
    const offered = page.getByRole("option", { name: /^spenddaily_performance/ });
    await expect(async () => {
      if (!(await offered.isVisible())) await page.keyboard.press("Control+Space");
      await expect(offered).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await offered.click();
    await page.keyboard.type(") as spend, (select count(*) from top) as campaigns from daily_performance d");
    await expect(sql).toContainText(
      "select count(*) as days, sum(d.spend) as spend, (select count(*) from top) as campaigns from daily_performance d",
    );
    // The server describes it: the columns it gives.
    await expect(inspector(page)).toContainText(
      "Gives: days (integer), spend (number), campaigns (integer).",
    );

    await page.keyboard.press(`${modifier}+s`);
    await expect(page.getByTestId("save-status")).toHaveText("All changes saved");

    const started = await (
      await api.post(`/api/compositions/${created.compositionId}/executions`, { data: {} })
    ).json();
    const finished = await waitForFinish(api, started.execution.id);
    expect(finished.status).toBe("completed");

    // The same figures, from the upstream results themselves.
    const daily = await (
      await api.get(`/api/executions/${started.execution.id}/nodes/daily/result?limit=1000`)
    ).json();
    const top = await (
      await api.get(`/api/executions/${started.execution.id}/nodes/top/result?limit=1000`)
    ).json();
    const spend = daily.rows.reduce((total: number, row: { spend: number }) => total + row.spend, 0);

    await page.goto(`/executions/${started.execution.id}`);
    // Each table connection says how many rows crossed it.
    const rows = (count: number) => `${count.toLocaleString("en-US")} ${count === 1 ? "row" : "rows"}`;
    await expect(canvas(page).getByText(`⊞ top · ${rows(top.rowCount)}`)).toBeVisible();
    await expect(canvas(page).getByText(`⊞ daily_performance · ${rows(daily.rowCount)}`)).toBeVisible();
    await page.getByTestId("node-q").click();
    const panel = page.getByRole("complementary", { name: "Node" });
    await expect(panel.getByTestId("row-count")).toHaveText("1 row");
    const row = panel.getByRole("table", { name: "Result rows" }).getByRole("row").nth(1);
    await expect(row).toContainText(String(daily.rowCount));
    await expect(row).toContainText(String(top.rowCount));
    const result = await (
      await api.get(`/api/executions/${started.execution.id}/nodes/q/result?limit=10`)
    ).json();
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0].days).toBe(daily.rowCount);
    expect(result.rows[0].campaigns).toBe(top.rowCount);
    expect(result.rows[0].spend).toBeCloseTo(spend, 6);
  });

  test("shows DuckDB's reason on the node when its SQL names a table it does not read", async ({
    page,
    baseURL,
  }) => {
    await openOwn(page, baseURL!, {
      name: `Bad table ${randomUUID().slice(0, 6)}`,
      globalParameters: { start_date: "2025-01-01", end_date: "2025-01-31" },
      nodes: [
        { nodeId: "top", templateId: "top_campaigns", position: { x: 0, y: 0 } },
        {
          nodeId: "q",
          templateId: "query_results",
          position: { x: 320, y: 0 },
          parameterOverrides: { query: "select * from weather" },
        },
      ],
      connections: [
        { connectionId: "t", sourceNodeId: "top", targetNodeId: "q", kind: "table", alias: "top" },
      ],
    });
    await node(page, "q").click();
    await expect(inspector(page)).toContainText("weather does not exist");
    await expect(inspector(page)).toContainText("its tables: top(campaign_id");
  });
});
