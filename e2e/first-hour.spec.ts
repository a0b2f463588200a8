import { adminApi, apiAs, expect, failingNode, test, waitForFinish } from "./fixtures";

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
    for (const path of ["/", "/compositions", "/executions", "/schedules", "/templates", "/workflows"]) {
      await page.goto(path);
      await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  });
});
