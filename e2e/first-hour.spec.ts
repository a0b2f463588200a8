import { readFileSync } from "node:fs";
import type { Locator } from "@playwright/test";
import pg from "pg";
import { connect, dropTemplate, inspector, modifier, node } from "./canvas";
import { adminApi, apiAs, expect, failingNode, newPerson, test, waitForFinish } from "./fixtures";

/** The e2e server's database, read directly: the check on what the app reports. */
async function querySql<T>(sql: string, values: unknown[]): Promise<T[]> {
  const password = readFileSync(".data/e2e/postgres.password", "utf8").trim();
  const client = new pg.Client({
    host: "127.0.0.1",
    port: 5499,
    user: "postgres",
    password,
    database: "queryflow",
  });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

test.describe("the first hour, as one journey", () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test("sign up, run the demo and see a chart in five clicks; then build three nodes whose total matches SQL", async ({
    page,
  }, testInfo) => {
    test.setTimeout(120_000);
    let clicks = 0;
    const click = async (target: Locator) => {
      clicks += 1;
      await target.click();
    };

    const person = newPerson("journey");
    await page.goto("/sign-up");
    await page.getByLabel("Name").fill(person.name);
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password").fill(person.password);
    await click(page.getByRole("button", { name: "Create account" }));
    const welcome = page.getByRole("region", { name: "Getting started" });
    await expect(welcome).toContainText("QueryFlow turns SQL queries, HTTP calls and JSONata transforms");
    await expect(welcome).not.toContainText("administrator");
    await page.screenshot({ path: testInfo.outputPath("first-run-dashboard.png") });
    await click(welcome.getByRole("button", { name: "▶ Run Campaign analysis" }));
    await expect(page).toHaveURL(/\/executions\/[0-9a-f-]+$/);
    await click(page.getByTestId("node-daily_performance"));
    const panel = page.getByRole("complementary", { name: "Node" });
    await click(panel.getByRole("tab", { name: "Chart" }));
    await expect(panel.locator(".recharts-line").first()).toBeVisible({ timeout: 30_000 });
    expect(clicks).toBeLessThanOrEqual(5);
    await page.screenshot({ path: testInfo.outputPath("first-chart.png") });
    // What the node ran, read-only: the template's SQL.
    await panel.getByText("SQL", { exact: true }).click();
    await expect(panel.getByLabel("Daily performance SQL")).toContainText("FROM warehouse.daily_metrics");
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
    await expect(welcome).toHaveCount(0);

    // Three nodes: top campaigns → their daily performance → the summary, spend summed over the days.
    await page.goto("/compositions/new");
    await expect(page.getByText("Drag a template from the palette onto the canvas")).toBeVisible();
    const findings = page.getByRole("complementary", { name: "Findings" });
    await expect(findings).toContainText("Nothing to run yet");
    await expect(findings).not.toContainText("can run");
    // The canvas is about 640 px wide at 1280: two columns of nodes.
    await dropTemplate(page, "top_campaigns", { x: 170, y: 60 });
    await dropTemplate(page, "campaign_daily_performance", { x: 170, y: 300 });
    await dropTemplate(page, "campaign_summary", { x: 470, y: 180 });
    await connect(page, "top_campaigns", "campaign_daily_performance");
    const mapping = page.getByRole("group", { name: "Mapping editor" });
    await mapping.getByLabel("Source field for campaign_ids").selectOption("campaign_id");
    await connect(page, "campaign_daily_performance", "campaign_summary");
    await mapping.getByLabel("Source field for total_spend").selectOption("spend");
    await mapping.getByRole("button", { name: "Use sum" }).click();
    await node(page, "campaign_summary").click();
    await inspector(page).getByLabel("Parameter total_revenue").fill("1000");
    await page.keyboard.press(`${modifier}+s`);
    await expect(page.getByTestId("save-status")).toHaveText("All changes saved");
    await page.getByRole("button", { name: "▶ Run" }).click();
    await page
      .getByRole("dialog", { name: "Run parameters" })
      .getByRole("button", { name: "Start run" })
      .click();
    await expect(page).toHaveURL(/\/executions\/[0-9a-f-]+$/);
    const executionId = page.url().split("/").at(-1)!;
    expect((await waitForFinish(page.request, executionId)).status).toBe("completed");

    const result = (nodeId: string) =>
      page.request
        .get(`/api/executions/${executionId}/nodes/${nodeId}/result?limit=1000`)
        .then((r) => r.json());
    const top = await result("top_campaigns");
    const summary = await result("campaign_summary");
    const [direct] = await querySql<{ total: string }>(
      `SELECT sum(spend) AS total FROM warehouse.daily_metrics
       WHERE campaign_id = ANY($1) AND metric_date BETWEEN '2025-01-01' AND '2025-12-31'`,
      [top.rows.map((row: { campaign_id: string }) => row.campaign_id)],
    );
    expect(summary.value.total_spend).toBeCloseTo(Number(direct!.total), 2);
  });
});

const transform = (nodeId: string, expression: string) => ({
  nodeId,
  templateId: "jsonata_transform",
  config: { maxRetries: 0 },
  parameterOverrides: { input: {}, expression },
});

test.describe("results as a new user meets them", () => {
  test("a completed node says so without an error in red, numbers show without float noise, and every JSON result exports as CSV", async ({
    baseURL,
    browser,
  }) => {
    const api = await apiAs(baseURL!);
    const composition = await (
      await api.post("/api/compositions", {
        data: {
          name: "Bare results",
          nodes: [
            transform("sum", '{"total": 0.1 + 0.2}'),
            transform("hello", '"hello, world"'),
            transform("nothing", "null"),
            transform("grid", "[[1, 2], [3, 4]]"),
            transform("blanks", '[{"a": "", "b": null}]'),
          ],
        },
      })
    ).json();
    const { execution } = await (
      await api.post(`/api/compositions/${composition.id}/executions`, { data: {} })
    ).json();
    expect((await waitForFinish(api, execution.id)).status).toBe("completed");

    const csv = async (nodeId: string) =>
      (await (await api.get(`/api/executions/${execution.id}/nodes/${nodeId}/result.csv`)).text()).split(
        "\r\n",
      );
    expect(await csv("hello")).toEqual(["value", '"hello, world"', ""]);
    expect(await csv("nothing")).toEqual(["value", "", ""]);
    expect(await csv("grid")).toEqual(["value", '"[1,2]"', '"[3,4]"', ""]);
    expect(await csv("blanks")).toEqual(["a,b", '"",', ""]);

    const context = await browser.newContext({ storageState: await api.storageState() });
    const page = await context.newPage();
    await page.goto(`/executions/${execution.id}`);
    await page.getByTestId("node-sum").click();
    const panel = page.getByRole("complementary", { name: "Node" });
    await expect(panel.getByText('"total": 0.3')).toBeVisible();
    await expect(panel).not.toContainText("0.30000000000000004");
    await panel.getByRole("tab", { name: "Error" }).click();
    await expect(panel.getByText("No error.")).not.toHaveClass(/text-red/);
    await expect(panel).toContainText("Completed on attempt 1");
    await expect(panel).not.toContainText("Attempt 1 of");
    await context.close();
    await api.dispose();
  });

  test("run dialogs show date parameters' defaults, in the template's order", async ({
    baseURL,
    browser,
  }) => {
    const api = await apiAs(baseURL!);
    const context = await browser.newContext({ storageState: await api.storageState() });
    const page = await context.newPage();
    await page.goto("/compositions/comp_campaign_analysis_v1");
    await page.getByRole("button", { name: "▶ Run" }).click();
    const runDialog = page.getByRole("dialog", { name: "Run parameters" });
    const start = (await runDialog.getByLabel("start_date").boundingBox())!;
    const end = (await runDialog.getByLabel("end_date").boundingBox())!;
    expect(start.y).toBeLessThan(end.y);
    await runDialog.getByRole("button", { name: "Cancel" }).click();

    await page.goto("/templates");
    await page
      .getByRole("article", { name: "Daily performance" })
      .getByRole("button", { name: "Run…" })
      .click();
    const templateDialog = page.getByRole("dialog", { name: "Run Daily performance" });
    await expect(templateDialog.getByLabel("Parameter start_date")).toHaveValue("2025-01-01");
    await expect(templateDialog.getByLabel("Parameter end_date")).toHaveValue("2025-12-31");
    const first = (await templateDialog.getByLabel("Parameter start_date").boundingBox())!;
    const last = (await templateDialog.getByLabel("Parameter end_date").boundingBox())!;
    expect(first.y).toBeLessThan(last.y);
    await context.close();
    await api.dispose();
  });

  test("a result table sorts all its rows by a column on the server, formats numbers by locale and resizes", async ({
    baseURL,
    adminPage: page,
  }) => {
    const admin = await adminApi(baseURL!);
    const { execution } = await (
      await admin.post("/api/compositions/comp_campaign_analysis_v1/executions", { data: {} })
    ).json();
    await waitForFinish(admin, execution.id);
    const { rows } = await (
      await admin.get(`/api/executions/${execution.id}/nodes/daily_performance/result?limit=1000`)
    ).json();
    const top = Math.max(...rows.map((row: { spend: number }) => row.spend));
    await admin.dispose();

    await page.goto(`/executions/${execution.id}`);
    await page.getByTestId("node-daily_performance").click();
    const panel = page.getByRole("complementary", { name: "Node" });
    const table = panel.getByRole("table", { name: "Result rows" });
    const header = table.getByRole("columnheader", { name: /^spend/ });
    await header.getByRole("button", { name: /^spend/ }).click();
    await expect(header).toHaveAttribute("aria-sort", "ascending");
    await header.getByRole("button", { name: /^spend/ }).click();
    await expect(header).toHaveAttribute("aria-sort", "descending");
    const firstSpend = table.getByRole("row").nth(1).getByRole("cell").nth(5);
    await expect(firstSpend).toHaveAttribute("title", String(top));
    await expect(firstSpend).toHaveText(
      new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 }).format(Number(top.toPrecision(15))),
    );
    expect(await firstSpend.textContent()).toContain(",");

    const before = (await header.boundingBox())!.width;
    await header.getByRole("button", { name: "Resize spend" }).press("ArrowRight");
    await expect.poll(async () => (await header.boundingBox())!.width).toBeGreaterThan(before + 10);
  });

  test("no list page scrolls sideways in an 800-px window, with runs in its tables", async ({
    baseURL,
    adminPage: page,
  }) => {
    // A failed run of the admin's, so the dashboard and the history have rows to lay out.
    const admin = await adminApi(baseURL!);
    const failing = await (
      await admin.post("/api/compositions", { data: { name: "Wide tables", nodes: [failingNode("fails")] } })
    ).json();
    const { execution } = await (
      await admin.post(`/api/compositions/${failing.id}/executions`, { data: {} })
    ).json();
    await waitForFinish(admin, execution.id);
    await admin.dispose();

    await page.setViewportSize({ width: 800, height: 900 });
    const paths = [
      "/",
      "/compositions",
      "/executions",
      "/schedules",
      "/templates",
      "/workflows",
      "/data-sources",
    ];
    for (const path of paths) {
      await page.goto(path);
      await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    // The sections fold into a menu naming the current one; every one of them is in it.
    const navigation = page.getByRole("navigation", { name: "Main" });
    await navigation.getByRole("button", { name: "Data sources" }).click();
    const menu = page.getByRole("menu", { name: "Sections" });
    await expect(menu.getByRole("menuitem")).toHaveText([
      "Dashboard",
      "Compositions",
      "Executions",
      "Schedules",
      "Templates",
      "Workflows",
      "Data sources",
    ]);
    await menu.getByRole("menuitem", { name: "Templates" }).click();
    await expect(page).toHaveURL(/\/templates$/);
    await expect(navigation.getByRole("button", { name: "Templates" })).toBeVisible();
  });
});
