import { expect, test } from "./fixtures";

test.describe("compositions page", () => {
  test("lists the public demo composition with its node count", async ({ adminPage: page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/compositions$/);
    const demo = page.getByRole("listitem").filter({ hasText: "comp_campaign_analysis_v1" });
    await expect(demo).toContainText("Campaign analysis");
    await expect(demo).toContainText("Public");
    await expect(demo.getByRole("definition").first()).toHaveText("4");
  });
});
