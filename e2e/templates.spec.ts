import { expect, test } from "./fixtures";

test.describe("templates page", () => {
  test("shows every template with its kind, parameters and output fields", async ({ adminPage: page }) => {
    await page.goto("/templates");
    // Other specs add templates meanwhile: the page and the API must agree at one moment.
    await expect(async () => {
      const { templates } = await (await page.request.get("/api/templates")).json();
      await page.reload();
      await expect(page.getByRole("article")).toHaveCount(templates.length, { timeout: 2_000 });
    }).toPass({ timeout: 20_000 });

    const top = page.getByRole("article", { name: "Top campaigns" });
    await expect(top.getByText("SQL", { exact: true })).toBeVisible();
    const startDate = top.getByRole("row").filter({ hasText: "start_date" });
    await expect(startDate).toContainText("date");
    await expect(startDate).toContainText("required");
    await expect(startDate).toContainText("2025-01-01");
    await expect(top.getByRole("row").filter({ hasText: "channel" })).toContainText("search | display");
    await expect(top.getByText("campaign_id: string")).toBeVisible();
    await expect(top.getByText("roas: number")).toBeVisible();

    await expect(
      page.getByRole("article", { name: "HTTP request" }).getByText("HTTP", { exact: true }),
    ).toBeVisible();
    await expect(
      page.getByRole("article", { name: "JSONata transform" }).getByText("Transform", { exact: true }),
    ).toBeVisible();
  });

  test("filters by search and says when nothing matches", async ({ adminPage: page }) => {
    await page.goto("/templates");
    await page.getByRole("searchbox", { name: "Search templates" }).fill("asin");
    await expect(page.getByRole("article")).toHaveCount(3);
    await expect(page.getByRole("article", { name: "ASIN performance" })).toBeVisible();
    await expect(page.getByRole("article", { name: "Top campaigns" })).toHaveCount(0);
    await page.getByRole("searchbox", { name: "Search templates" }).fill("zzz-nothing");
    await expect(page.getByText("No template matches")).toBeVisible();
  });
});
