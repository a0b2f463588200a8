import { apiAs, expect, test } from "./fixtures";

test.describe("standalone workflows", () => {
  test("run a template from /templates, see its result, run it again, schedule it", async ({
    baseURL,
    browser,
  }) => {
    const api = await apiAs(baseURL!);
    const context = await browser.newContext({ storageState: await api.storageState() });
    const page = await context.newPage();
    await page.goto("/templates");
    await page.getByRole("article", { name: "Number series" }).getByRole("button", { name: "Run…" }).click();
    const dialog = page.getByRole("dialog", { name: "Run Number series" });
    await dialog.getByLabel("Workflow name").fill("Five numbers");
    await dialog.getByLabel("Parameter count").fill("5");
    await dialog.getByRole("button", { name: "Save and run" }).click();

    await expect(page).toHaveURL(/\/workflows\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: "Five numbers", level: 1 })).toBeVisible();
    const runs = page.getByRole("region", { name: "Runs" });
    await expect(runs.locator("[data-status]").first()).toHaveAttribute("data-status", "completed", {
      timeout: 20_000,
    });
    const result = page.getByRole("region", { name: "Result" });
    await expect(result.getByTestId("row-count")).toHaveText("5 rows");
    const href = await result.getByRole("link", { name: "Download CSV" }).getAttribute("href");
    const csv = (await (await page.request.get(href!)).text()).trim().split("\r\n");
    expect(csv).toEqual(["n,label,bucket,value", ...csv.slice(1)]);
    expect(csv).toHaveLength(6);
    await result.getByRole("tab", { name: "Chart" }).click();
    await expect(result.locator(".recharts-line").first()).toBeVisible();
    await result.getByRole("tab", { name: "Table" }).click();

    await runs.getByRole("button", { name: "▶ Run again" }).click();
    await expect(runs.locator("[data-status]")).toHaveCount(2);
    await expect(runs.locator("[data-status]").first()).toHaveAttribute("data-status", "completed", {
      timeout: 20_000,
    });

    await page.getByRole("button", { name: "Schedule…" }).click();
    const schedule = page.getByRole("dialog", { name: "Schedule" });
    await expect(schedule.getByLabel("Schedule parameters")).toHaveCount(0);
    await schedule.getByLabel("Cron expression").fill("*/2 * * * * *");
    await expect(schedule.getByRole("status", { name: "Schedule preview" })).toContainText("Every 2 seconds");
    await schedule.getByRole("button", { name: "Create schedule" }).click();
    await expect(schedule.getByRole("status").last()).toContainText("Scheduled.");
    await schedule.getByRole("button", { name: "Close" }).click();
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole("region", { name: "Runs" })).toContainText("schedule");
    }).toPass({ timeout: 15_000 });

    await page.goto("/executions?composition=Five+numbers&status=completed");
    await expect(
      page.getByRole("region", { name: "Standalone workflow runs" }).getByRole("row"),
    ).not.toHaveCount(1);
    await expect(page.getByRole("region", { name: "Standalone workflow runs" })).toContainText(
      "Five numbers",
    );

    await page.goto("/schedules");
    const row = page.getByRole("row").filter({ hasText: "Five numbers" });
    await expect(row).toContainText("(workflow)");
    await row.getByRole("switch", { name: "Active" }).click();
    await expect(row.getByRole("switch", { name: "Active" })).toHaveAttribute("aria-checked", "false");
    await context.close();
    await api.dispose();
  });

  test("a workflow is renamed, its parameters changed and deleted; running its template again offers it", async ({
    baseURL,
    browser,
  }) => {
    const api = await apiAs(baseURL!);
    const workflow = await (
      await api.post("/api/workflows", {
        data: { name: "Ten numbers", templateId: "number_series", parameters: { count: 10 } },
      })
    ).json();
    const context = await browser.newContext({ storageState: await api.storageState() });
    const page = await context.newPage();

    await page.goto("/templates");
    await page.getByRole("article", { name: "Number series" }).getByRole("button", { name: "Run…" }).click();
    const offer = page.getByRole("dialog", { name: "Run Number series" }).getByRole("region", {
      name: "Your workflows of this template",
    });
    await expect(offer).toContainText("Ten numbers");
    await offer.getByRole("button", { name: "Run it again" }).click();
    await expect(page).toHaveURL(new RegExp(`/workflows/${workflow.id}$`));
    const runs = page.getByRole("region", { name: "Runs" });
    await expect(runs.locator("[data-status]").first()).toHaveAttribute("data-status", "completed", {
      timeout: 20_000,
    });
    expect((await (await api.get("/api/workflows")).json()).workflows).toHaveLength(1);

    await page.getByRole("button", { name: "Edit…" }).click();
    const edit = page.getByRole("dialog", { name: "Edit workflow" });
    await edit.getByLabel("Workflow name").fill("Three numbers");
    await edit.getByLabel("Parameter count").fill("3");
    await edit.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("heading", { name: "Three numbers", level: 1 })).toBeVisible();
    expect(await (await api.get(`/api/workflows/${workflow.id}`)).json()).toMatchObject({
      name: "Three numbers",
      parameters: { count: 3 },
    });
    const refused = await api.patch(`/api/workflows/${workflow.id}`, {
      data: { parameters: { count: "many" } },
    });
    expect(refused.status()).toBe(400);

    await page.getByRole("button", { name: "Delete Three numbers" }).click();
    await page
      .getByRole("dialog", { name: "Delete Three numbers" })
      .getByRole("button", { name: "Delete" })
      .click();
    await expect(page).toHaveURL(/\/workflows$/);
    expect((await api.get(`/api/workflows/${workflow.id}`)).status()).toBe(404);
    await context.close();
    await api.dispose();
  });
});
