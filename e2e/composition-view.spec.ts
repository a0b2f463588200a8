import { apiAs, expect, test } from "./fixtures";

test.describe("composition page", () => {
  test("draws the demo's nodes and connections, with nothing to fix", async ({ adminPage: page }) => {
    await page.goto("/compositions");
    await page.getByRole("link", { name: "Campaign analysis" }).click();
    await expect(page).toHaveURL(/\/compositions\/comp_campaign_analysis_v1$/);
    const canvas = page.getByRole("region", { name: "Composition canvas" });
    for (const name of ["Top campaigns", "Daily performance", "ASIN performance", "Campaign summary"]) {
      await expect(canvas.getByText(name, { exact: true })).toBeVisible();
    }
    await expect(canvas.locator(".react-flow__edge")).toHaveCount(4);
    await expect(page.getByTestId("node-summary")).toContainText("4 mapped");
    await expect(canvas.getByText("campaign_id → campaign_ids (collect)").first()).toBeVisible();
    await expect(page.getByRole("complementary", { name: "Findings" })).toContainText("Nothing to fix");
  });

  test("shows a finding on its node, and choosing it focuses the node", async ({ baseURL, browser }) => {
    const api = await apiAs(baseURL!);
    const created = await (
      await api.post("/api/compositions", {
        data: {
          name: "Needs campaigns",
          nodes: [
            { nodeId: "ok", templateId: "echo", position: { x: 0, y: 0 } },
            { nodeId: "daily", templateId: "campaign_daily_performance", position: { x: 1600, y: 900 } },
          ],
        },
      })
    ).json();
    const context = await browser.newContext({ storageState: await api.storageState() });
    const page = await context.newPage();
    await page.goto(`/compositions/${created.compositionId}`);
    await expect(page.getByTestId("node-daily")).toContainText("1 finding");
    await expect(page.getByTestId("node-ok")).not.toContainText("finding");

    await page
      .getByRole("complementary", { name: "Findings" })
      .getByRole("button", { name: /missing_required_parameter/ })
      .click();
    await expect(page.locator('.react-flow__node[data-id="daily"]')).toHaveClass(/selected/);
    await expect(page.getByTestId("node-daily")).toBeInViewport();

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export" }).click();
    expect((await download).suggestedFilename()).toBe(`${created.compositionId}.queryflow.json`);
    await context.close();
    await api.dispose();
  });

  test("answers a private composition of someone else with not found", async ({ baseURL, adminPage }) => {
    const api = await apiAs(baseURL!);
    const created = await (await api.post("/api/compositions", { data: { name: "Mine only" } })).json();
    const response = await adminPage.goto(`/compositions/${created.compositionId}`);
    expect(response?.status()).toBe(200); // the admin reads every composition
    const other = await apiAs(baseURL!);
    const context = await adminPage
      .context()
      .browser()!
      .newContext({ storageState: await other.storageState() });
    const page = await context.newPage();
    const hidden = await page.goto(`/compositions/${created.compositionId}`);
    expect(hidden?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await context.close();
    await api.dispose();
    await other.dispose();
  });
});
