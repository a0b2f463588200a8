import type { Page } from "@playwright/test";
import { apiAs, expect, test } from "./fixtures";

async function startFromCompositionPage(page: Page, compositionId: string) {
  await page.goto(`/compositions/${compositionId}`);
  await page.getByRole("button", { name: "▶ Run" }).click();
  const dialog = page.getByRole("dialog", { name: "Run parameters" });
  await dialog.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/executions\/[0-9a-f-]{36}$/);
}

const status = (page: Page, nodeId: string) => page.getByTestId(`node-${nodeId}`).locator("[data-status]");

test.describe("running from the browser", () => {
  test("the demo runs to completion on the canvas; a result pages and downloads as CSV", async ({
    adminPage: page,
  }) => {
    await page.goto("/compositions/comp_campaign_analysis_v1");
    await page.getByRole("button", { name: "▶ Run" }).click();
    const dialog = page.getByRole("dialog", { name: "Run parameters" });
    await expect(dialog.getByLabel("start_date")).toHaveValue("2025-01-01");
    await dialog.getByLabel("start_date").fill("");
    await dialog.getByRole("button", { name: "Start run" }).click();
    await expect(dialog.getByRole("alert")).toHaveText("start_date is required.");
    await dialog.getByLabel("start_date").fill("2025-01-01");
    await dialog.getByRole("button", { name: "Start run" }).click();
    await expect(page).toHaveURL(/\/executions\/[0-9a-f-]{36}$/);

    for (const nodeId of ["top_campaigns", "daily_performance", "asin_performance", "summary"]) {
      await expect(status(page, nodeId)).toHaveAttribute("data-status", "completed", { timeout: 30_000 });
    }
    await expect(page.getByRole("status", { name: "Progress" })).toHaveText("4 of 4 completed");

    await page.getByTestId("node-daily_performance").click();
    const panel = page.getByRole("complementary", { name: "Node" });
    await expect(panel.getByRole("columnheader", { name: "metric_date date" })).toBeVisible();
    await expect(panel.getByTestId("row-count")).toHaveText("90 rows");
    const rows = panel.getByRole("table", { name: "Result rows" });
    await expect(rows.getByRole("row").nth(1)).toContainText("Jan 1, 2025");
    await rows.evaluate((table) => table.parentElement!.scrollTo(0, table.parentElement!.scrollHeight));
    await expect(panel.getByTestId("visible-rows")).toHaveText(/–90 of 90$/);
    await expect(rows.getByRole("row").last()).toContainText("Mar 31, 2025");

    const href = await panel.getByRole("link", { name: "Download CSV" }).getAttribute("href");
    const csv = (await (await page.request.get(href!)).text()).trim().split("\r\n");
    expect(csv[0]).toBe("metric_date,impressions,clicks,ctr,spend,cpc");
    const executionId = page.url().split("/").at(-1);
    const api = await (
      await page.request.get(`/api/executions/${executionId}/nodes/daily_performance/result?limit=1`)
    ).json();
    expect(csv).toHaveLength(api.rowCount + 1);

    // The panel widens for the chart: drag its separator to the left.
    const narrow = (await panel.boundingBox())!.width;
    const separator = (await page.getByRole("separator", { name: "Resize the side panel" }).boundingBox())!;
    await page.mouse.move(separator.x + separator.width / 2, separator.y + separator.height / 2);
    await page.mouse.down();
    await page.mouse.move(separator.x - 300, separator.y + separator.height / 2, { steps: 8 });
    await page.mouse.up();
    expect((await panel.boundingBox())!.width).toBeGreaterThan(narrow + 250);

    await panel.getByRole("tab", { name: "Chart" }).click();
    // The template's chart config: spend and clicks by day, as lines; then the user's own choice.
    const chart = panel.getByRole("figure", { name: "line chart of spend, clicks by metric_date" });
    await expect(chart.locator(".recharts-line")).toHaveCount(2);
    await panel.getByRole("combobox", { name: "Chart" }).selectOption("bar");
    await panel.getByRole("checkbox", { name: "clicks" }).uncheck();
    await expect(
      panel
        .getByRole("figure", { name: "bar chart of spend by metric_date" })
        .locator(".recharts-bar-rectangle"),
    ).toHaveCount(90);

    await panel.getByRole("tab", { name: "Input" }).click();
    await expect(panel.getByRole("row").filter({ hasText: "campaign_ids" })).toContainText(
      "top_campaigns.campaign_id (collect)",
    );
  });

  test("a run's page shows the parameters it ran with, and runs again with other ones", async ({
    adminPage: page,
  }) => {
    await page.setViewportSize({ width: 800, height: 900 });
    await startFromCompositionPage(page, "comp_campaign_analysis_v1");
    // Even 800 px wide, beside the side panel, the canvas shows every node whole.
    const area = (await page.getByRole("region", { name: "Composition canvas" }).boundingBox())!;
    for (const nodeId of ["top_campaigns", "daily_performance", "asin_performance", "summary"]) {
      await expect(async () => {
        const box = (await page.getByTestId(`node-${nodeId}`).boundingBox())!;
        expect(box.x, nodeId).toBeGreaterThanOrEqual(area.x);
        expect(box.x + box.width, nodeId).toBeLessThanOrEqual(area.x + area.width);
      }).toPass({ timeout: 5_000 });
    }
    const parameters = page.getByRole("region", { name: "Parameters" });
    await expect(parameters).toContainText('start_date = "2025-01-01"');
    await expect(parameters).toContainText('end_date = "2025-03-31"');
    await expect(status(page, "daily_performance")).toHaveAttribute("data-status", "completed", {
      timeout: 30_000,
    });
    const first = page.url();

    await page.getByRole("button", { name: "Run again with other parameters…" }).click();
    const dialog = page.getByRole("dialog", { name: "Run parameters" });
    await expect(dialog.getByLabel("start_date")).toHaveValue("2025-01-01");
    await dialog.getByLabel("start_date").fill("2025-02-01");
    await dialog.getByRole("button", { name: "Start run" }).click();
    await expect(page).not.toHaveURL(first);
    await expect(page).toHaveURL(/\/executions\/[0-9a-f-]{36}$/);
    await expect(parameters).toContainText('start_date = "2025-02-01"');
    await expect(status(page, "daily_performance")).toHaveAttribute("data-status", "completed", {
      timeout: 30_000,
    });
    await page.getByTestId("node-daily_performance").click();
    // One row a day: February (28 days in 2025) and March.
    await expect(page.getByRole("complementary", { name: "Node" }).getByTestId("row-count")).toHaveText(
      `${28 + 31} rows`,
    );
  });

  test("a run with a delay node is cancelled from the page", async ({ baseURL, browser }) => {
    const api = await apiAs(baseURL!);
    const created = await (
      await api.post("/api/compositions", {
        data: {
          name: "Long wait",
          nodes: [{ nodeId: "wait", templateId: "delay", parameterOverrides: { milliseconds: 30_000 } }],
        },
      })
    ).json();
    const context = await browser.newContext({ storageState: await api.storageState() });
    const page = await context.newPage();
    await startFromCompositionPage(page, created.compositionId);
    await expect(status(page, "wait")).toHaveAttribute("data-status", "running", { timeout: 15_000 });
    await page.getByRole("button", { name: "Cancel run" }).click();
    await expect(status(page, "wait")).toHaveAttribute("data-status", "cancelled");
    await expect(page.getByRole("button", { name: "Retry failed nodes" })).toBeVisible();
    await context.close();
    await api.dispose();
  });

  test("a failed run is retried from the page, reusing the completed node", async ({ baseURL, browser }) => {
    const api = await apiAs(baseURL!);
    const created = await (
      await api.post("/api/compositions", {
        data: {
          name: "Fails second",
          nodes: [
            { nodeId: "first", templateId: "echo", parameterOverrides: { message: "ok" } },
            {
              nodeId: "second",
              templateId: "jsonata_transform",
              parameterOverrides: { input: {}, expression: '$error("this node always fails")' },
              config: { maxRetries: 0 },
            },
          ],
          connections: [{ connectionId: "e", sourceNodeId: "first", targetNodeId: "second" }],
        },
      })
    ).json();
    const context = await browser.newContext({ storageState: await api.storageState() });
    const page = await context.newPage();
    await startFromCompositionPage(page, created.compositionId);
    await expect(status(page, "second")).toHaveAttribute("data-status", "failed", { timeout: 15_000 });
    const firstRun = page.url();

    await page.getByRole("button", { name: "Retry failed nodes" }).click();
    await expect(page).not.toHaveURL(firstRun);
    await expect(status(page, "second")).toHaveAttribute("data-status", "failed", { timeout: 15_000 });
    await expect(status(page, "first")).toHaveAttribute("data-status", "completed");
    await page.getByTestId("node-first").click();
    const panel = page.getByRole("complementary", { name: "Node" });
    await panel.getByRole("tab", { name: "Logs" }).click();
    await expect(panel.getByText(/Reused the output of run/)).toBeVisible();
    await context.close();
    await api.dispose();
  });
});
