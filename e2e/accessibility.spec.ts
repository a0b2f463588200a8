import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { adminApi, expect, test, waitForFinish } from "./fixtures";

const SIZES = [
  { width: 800, height: 900 },
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];

/** Every page of the app, each with what shows it has loaded (its data, not only its frame). */
async function pages(baseURL: string) {
  const admin = await adminApi(baseURL);
  const { execution } = await (
    await admin.post("/api/compositions/comp_campaign_analysis_v1/executions", { data: {} })
  ).json();
  await waitForFinish(admin, execution.id);
  const workflow = await (
    await admin.post("/api/workflows", { data: { name: "Echo for axe", templateId: "echo", parameters: {} } })
  ).json();
  await admin.dispose();
  return [
    { name: "dashboard", path: "/", ready: "Dashboard" },
    { name: "compositions", path: "/compositions", ready: "Compositions" },
    { name: "editor", path: "/compositions/comp_campaign_analysis_v1", ready: "Campaign analysis" },
    { name: "new-composition", path: "/compositions/new", ready: "Untitled composition" },
    { name: "executions", path: "/executions", ready: "Executions" },
    { name: "run", path: `/executions/${execution.id}`, ready: "Campaign analysis" },
    { name: "schedules", path: "/schedules", ready: "Schedules" },
    { name: "templates", path: "/templates", ready: "Templates" },
    { name: "workflows", path: "/workflows", ready: "Workflows" },
    { name: "workflow", path: `/workflows/${workflow.id}`, ready: "Echo for axe" },
    { name: "invites", path: "/admin/invites", ready: "Invites" },
    { name: "data-sources", path: "/data-sources", ready: "Data sources" },
    { name: "new-template", path: "/templates/new", ready: "New template" },
    { name: "account", path: "/account", ready: "Account" },
  ];
}

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa"]).analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      rule: violation.id,
      help: violation.help,
      where: violation.nodes.slice(0, 3).map((node) => node.target.join(" ")),
    }));
}

test.describe("every page, for everyone", () => {
  test("has no serious or critical accessibility violation (axe) and no sideways scrolling, at 800, 1280 and 1440 px, with screenshots", async ({
    adminPage: page,
    baseURL,
  }, testInfo) => {
    test.setTimeout(240_000);
    const found: Record<string, unknown> = {};
    for (const { name, path, ready } of await pages(baseURL!)) {
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1, name: ready })).toBeVisible();
        await page.waitForLoadState("networkidle");
        await page.screenshot({ path: testInfo.outputPath(`${name}-${size.width}x${size.height}.png`) });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) found[`${path} at ${size.width} px`] = `scrolls sideways by ${overflow} px`;
      }
      const violations = await seriousViolations(page);
      if (violations.length) found[path] = violations;
    }
    expect(found).toEqual({});
  });

  test("the sign-in and sign-up pages have none either", async ({ browser }, testInfo) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const path of ["/sign-in", "/sign-up"]) {
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await page.goto(path);
        await page.screenshot({
          path: testInfo.outputPath(`${path.slice(1)}-${size.width}x${size.height}.png`),
        });
      }
      expect(await seriousViolations(page), path).toEqual([]);
    }
    await context.close();
  });
});
