import { apiAs, expect, test } from "./fixtures";

test.describe("executions page", () => {
  test("lists a finished run with its status and node count", async ({ baseURL, browser }) => {
    const api = await apiAs(baseURL!);
    const { execution } = await (
      await api.post("/api/compositions/comp_campaign_analysis_v1/executions")
    ).json();
    await expect
      .poll(async () => (await (await api.get(`/api/executions/${execution.id}`)).json()).status, {
        timeout: 30_000,
      })
      .toBe("completed");

    const context = await browser.newContext({ storageState: await api.storageState() });
    const page = await context.newPage();
    await page.goto("/executions");
    const row = page.getByRole("row").filter({ hasText: "comp_campaign_analysis_v1" }).first();
    await expect(row).toContainText("completed");
    await expect(row).toContainText("4 / 4");
    await context.close();
    await api.dispose();
  });
});
