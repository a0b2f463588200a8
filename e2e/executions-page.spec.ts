import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { ADMIN, adminApi, apiAs, expect, failingNode, newPerson, test } from "./fixtures";

/** Runs a composition through the API and waits until the run has finished. */
async function runToEnd(api: APIRequestContext, compositionId: string) {
  const { execution } = await (await api.post(`/api/compositions/${compositionId}/executions`)).json();
  await expect
    .poll(async () => (await (await api.get(`/api/executions/${execution.id}`)).json()).finishedAt, {
      timeout: 30_000,
    })
    .toBeTruthy();
  return execution.id as string;
}

test.describe("executions page", () => {
  test("an admin's workflow runs are workflow runs only, and every run says who started it", async ({
    baseURL,
    adminPage: page,
  }) => {
    const admin = await adminApi(baseURL!);
    await runToEnd(admin, "comp_campaign_analysis_v1");
    const workflow = await (
      await admin.post("/api/workflows", {
        data: { name: `Echo ${randomUUID().slice(0, 6)}`, templateId: "echo", parameters: {} },
      })
    ).json();
    const { execution } = await (await admin.post(`/api/workflows/${workflow.id}/executions`)).json();
    await expect
      .poll(
        async () =>
          (await (await admin.get(`/api/workflows/${workflow.id}/executions`)).json()).items[0]?.finishedAt,
      )
      .toBeTruthy();
    expect(execution.id).toBeTruthy();

    await page.goto("/executions");
    const workflowRuns = page.getByRole("table", { name: "Workflow runs" });
    await expect(workflowRuns.getByRole("row").filter({ hasText: workflow.name })).toContainText(ADMIN.name);
    // Each row is a workflow's run, linked to the workflow; composition nodes (hex ids) are not listed.
    for (const href of await workflowRuns
      .getByRole("link")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href")))) {
      expect(href).toMatch(/^\/workflows\/[0-9a-f-]{36}$/);
    }
    const runs = page.getByRole("table", { name: "Runs" });
    // Other accounts' runs are listed too (an admin sees all); the admin's own says so.
    await expect(
      runs
        .getByRole("row")
        .filter({ hasText: "comp_campaign_analysis_v1" })
        .filter({ hasText: ADMIN.name })
        .first(),
    ).toBeVisible();
    await admin.dispose();
  });

  test("lists a finished run with its status and node count", async ({ baseURL, browser }) => {
    const person = newPerson("history");
    const api = await apiAs(baseURL!, person);
    await runToEnd(api, "comp_campaign_analysis_v1");
    const context = await browser.newContext({ storageState: await api.storageState() });
    const page = await context.newPage();
    await page.goto("/executions");
    // This user's run: other specs may be running the public demo at the same time.
    const row = page.getByRole("row").filter({ hasText: person.name }).first();
    await expect(row).toContainText("completed");
    await expect(row).toContainText("4 / 4");
    await context.close();
    await api.dispose();
  });

  test("filters find a run by status and composition; the list and the editor show the last run", async ({
    baseURL,
    browser,
  }) => {
    const api = await apiAs(baseURL!);
    const name = `Filter me ${randomUUID().slice(0, 6)}`;
    const ok = await (
      await api.post("/api/compositions", {
        data: { name: `${name} fine`, nodes: [{ nodeId: "a", templateId: "echo" }] },
      })
    ).json();
    const failing = await (
      await api.post("/api/compositions", {
        data: {
          name: `${name} failing`,
          nodes: [failingNode("f")],
        },
      })
    ).json();
    await runToEnd(api, ok.compositionId);
    await runToEnd(api, failing.compositionId);

    const context = await browser.newContext({ storageState: await api.storageState() });
    const page = await context.newPage();
    await page.goto("/executions");
    const form = page.getByRole("form", { name: "Filter runs" });
    await form.getByLabel("Composition").fill(name);
    await form.getByLabel("Status").selectOption("failed");
    await form.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/status=failed/);
    const rows = page.getByRole("table", { name: "Runs" }).getByRole("row");
    await expect(rows).toHaveCount(2); // the header and one run
    await expect(rows.nth(1)).toContainText(failing.compositionId);
    await expect(rows.nth(1)).toContainText("failed");

    await form.getByLabel("Status").selectOption("completed");
    await form.getByRole("button", { name: "Filter" }).click();
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText(ok.compositionId);

    await form.getByLabel("Trigger").selectOption("schedule");
    await form.getByRole("button", { name: "Filter" }).click();
    await expect(page.getByText("No run matches these filters.")).toBeVisible();

    await page.goto("/compositions");
    await page.getByRole("searchbox", { name: "Search compositions" }).fill(name);
    await expect(
      page.getByRole("listitem", { name: `${name} failing` }).getByLabel("Last run"),
    ).toContainText("failed");
    await expect(page.getByRole("listitem", { name: `${name} fine` }).getByLabel("Last run")).toContainText(
      "completed",
    );

    await page.goto(`/compositions/${ok.compositionId}`);
    await page.getByRole("button", { name: "History" }).click();
    const history = page.getByRole("menu", { name: "Run history" });
    await expect(history.getByRole("menuitem").first()).toContainText("completed");
    await history.getByRole("menuitem", { name: "All runs of this composition →" }).click();
    await expect(page).toHaveURL(new RegExp(`composition=${ok.compositionId}`));
    await expect(page.getByRole("table", { name: "Runs" }).getByRole("row")).toHaveCount(2);
    await context.close();
    await api.dispose();
  });
});
