import { randomUUID } from "node:crypto";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { apiAs, expect, test } from "./fixtures";

test.describe("compositions list", () => {
  test("lists the public demo composition with its node count", async ({ adminPage: page }) => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Compositions" }).click();
    await expect(page).toHaveURL(/\/compositions$/);
    await page.getByRole("searchbox", { name: "Search compositions" }).fill("comp_campaign_analysis_v1");
    const demo = page.getByRole("listitem", { name: "Campaign analysis", exact: true });
    await expect(demo).toContainText("comp_campaign_analysis_v1");
    await expect(demo).toContainText("Public");
    await expect(demo.getByRole("definition").first()).toHaveText("4");

    // The search is kept in the URL: a reload (or a shared link) shows the same list.
    await expect(page).toHaveURL(/\/compositions\?q=comp_campaign_analysis_v1$/);
    await page.reload();
    await expect(page.getByRole("searchbox", { name: "Search compositions" })).toHaveValue(
      "comp_campaign_analysis_v1",
    );
    await expect(demo).toBeVisible();
  });

  let api: APIRequestContext;
  let page: Page;
  const word = randomUUID().slice(0, 6);
  const names = [`Alpha ${word}`, `Beta ${word}`, `Gamma ${word}`];

  test.beforeAll(async ({ baseURL, browser }: { baseURL?: string; browser: Browser }) => {
    api = await apiAs(baseURL!);
    for (const [i, name] of names.entries()) {
      await api.post("/api/compositions", {
        data: { name, tags: i === 2 ? ["weekly"] : [], description: i === 1 ? "Has a needle" : "" },
      });
    }
    page = await (await browser.newContext({ storageState: await api.storageState() })).newPage();
  });
  test.afterAll(async () => {
    await page.context().close();
    await api.dispose();
  });

  test("searches name, description and tags; filters by tag and visibility", async () => {
    await page.goto("/compositions");
    await page.getByRole("button", { name: "Mine" }).click();
    await expect(page.getByRole("listitem")).toHaveCount(3);
    await page.getByRole("searchbox", { name: "Search compositions" }).fill("NEEDLE");
    await expect(page.getByRole("listitem")).toHaveCount(1);
    await expect(page.getByRole("listitem", { name: names[1] })).toBeVisible();
    await page.getByRole("searchbox", { name: "Search compositions" }).fill("");
    await page.getByRole("listitem", { name: names[2] }).getByRole("button", { name: "weekly" }).click();
    await expect(page.getByRole("listitem")).toHaveCount(1);
    await page.getByRole("button", { name: "tag: weekly ✕" }).click();
    await expect(page.getByRole("listitem")).toHaveCount(3);
    await page.getByRole("searchbox", { name: "Search compositions" }).fill("no such thing at all");
    await expect(page.getByText("No composition matches these filters.")).toBeVisible();
  });

  test("toggles a favorite and filters by favorites", async () => {
    await page.goto("/compositions");
    await page.getByRole("button", { name: "Mine" }).click();
    const star = page.getByRole("button", { name: `Favorite ${names[0]}` });
    await star.click();
    await expect(star).toHaveAttribute("aria-pressed", "true");
    await page.getByRole("button", { name: "★ Favorites only" }).click();
    await expect(page.getByRole("listitem")).toHaveCount(1);
    await expect(page.getByRole("listitem", { name: names[0] })).toBeVisible();
    await page.reload();
    await page.getByRole("button", { name: "Mine" }).click();
    await expect(page.getByRole("button", { name: `Favorite ${names[0]}` })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
  });

  test("deletes only after confirmation", async () => {
    await page.goto("/compositions");
    await page.getByRole("button", { name: "Mine" }).click();
    const row = page.getByRole("listitem", { name: names[2] });
    await row.getByRole("button", { name: "Delete" }).click();
    const dialog = page.getByRole("dialog", { name: `Delete ${names[2]}` });
    await dialog.getByRole("button", { name: "Keep it" }).click();
    await expect(row).toBeVisible();
    await row.getByRole("button", { name: "Delete" }).click();
    await dialog.getByRole("button", { name: "Delete" }).click();
    await expect(page.getByRole("listitem", { name: names[2] })).toHaveCount(0);
    await expect(page.getByRole("listitem")).toHaveCount(2);
  });

  test("duplicates the demo into a private copy of one's own", async () => {
    await page.goto("/compositions");
    await page.getByRole("searchbox", { name: "Search compositions" }).fill("comp_campaign_analysis_v1");
    await page
      .getByRole("listitem", { name: "Campaign analysis", exact: true })
      .getByRole("button", { name: "Duplicate" })
      .click();
    await expect(page).toHaveURL(/\/compositions\/comp_copy_of_campaign_analysis/);
    await expect(page.getByRole("heading", { name: "Copy of Campaign analysis" })).toBeVisible();
    await expect(page.getByText(/version 1 · private/)).toBeVisible();
  });
});
