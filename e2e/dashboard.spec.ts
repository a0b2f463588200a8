import { apiAs, expect, failingNode, test } from "./fixtures";

test.describe("dashboard", () => {
  test("shows runs in progress, recent failures, favorites, and an empty schedule", async ({
    baseURL,
    browser,
  }) => {
    const api = await apiAs(baseURL!);
    const slow = await (
      await api.post("/api/compositions", {
        data: {
          name: "Slow one",
          nodes: [{ nodeId: "wait", templateId: "delay", parameterOverrides: { milliseconds: 20_000 } }],
        },
      })
    ).json();
    const broken = await (
      await api.post("/api/compositions", {
        data: {
          name: "Broken one",
          nodes: [failingNode("f")],
        },
      })
    ).json();
    await api.put(`/api/compositions/${slow.id}/favorite`);
    const { execution: running } = await (await api.post(`/api/compositions/${slow.id}/executions`)).json();
    const { execution: failed } = await (await api.post(`/api/compositions/${broken.id}/executions`)).json();
    await expect
      .poll(async () => (await (await api.get(`/api/executions/${failed.id}`)).json()).status, {
        timeout: 30_000,
      })
      .toBe("failed");

    const context = await browser.newContext({ storageState: await api.storageState() });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
    await expect(page.getByRole("region", { name: "Runs in progress" })).toContainText("Slow one");
    const failures = page.getByRole("region", { name: "Recent failures" });
    await expect(failures).toContainText("Broken one");
    // Half a 1280-px page holds every fact of a run without scrolling sideways: trigger, nodes, duration.
    await page.setViewportSize({ width: 1280, height: 800 });
    const row = failures.getByRole("row").filter({ hasText: "Broken one" });
    await expect(row).toContainText("api · ");
    await expect(row).toContainText("0 / 1 (1 failed) nodes");
    await expect(row).toContainText(/\d+(\.\d)? m?s$/);
    const table = failures.getByRole("table");
    expect(
      await table.evaluate(
        (element) => element.parentElement!.scrollWidth - element.parentElement!.clientWidth,
      ),
    ).toBe(0);
    await expect(page.getByRole("region", { name: "Favorites" })).toContainText("Slow one");
    await expect(page.getByRole("region", { name: "Upcoming scheduled runs" })).toContainText(
      "Nothing is scheduled.",
    );
    await api.post(`/api/executions/${running.id}/cancel`);
    await context.close();
    await api.dispose();
  });
});
