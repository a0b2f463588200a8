import { randomUUID } from "node:crypto";
import { canvas, connect, dropTemplate, inspector, modifier, node, openOwn } from "./canvas";
import { expect, test } from "./fixtures";

test.describe("composition editor", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("builds a composition from the palette, maps fields, sets a parameter, saves, and reloads it as left", async ({
    adminPage: page,
  }) => {
    const name = `Built by hand ${randomUUID().slice(0, 6)}`;
    await page.goto("/compositions");
    await page.getByRole("link", { name: "New composition" }).click();
    await expect(page).toHaveURL(/\/compositions\/new$/);
    await expect(page.getByTestId("save-status")).toHaveText("Not saved yet");

    await dropTemplate(page, "top_campaigns", { x: 160, y: 200 });
    await dropTemplate(page, "campaign_daily_performance", { x: 460, y: 80 });
    await dropTemplate(page, "campaign_summary", { x: 660, y: 360 });
    await expect(page.getByTestId("save-status")).toHaveText("● Unsaved changes");

    await connect(page, "top_campaigns", "campaign_daily_performance");
    const mapping = page.getByRole("group", { name: "Mapping editor" });
    await expect(mapping).toContainText("top_campaigns → campaign_daily_performance");
    // campaign_id is an integer; campaign_ids wants integer[]: picking it chooses the "collect" rule.
    await mapping.getByLabel("Source field for campaign_ids").selectOption("campaign_id");
    await expect(mapping.getByLabel("Rule for campaign_ids")).toHaveValue("collect");
    await expect(
      mapping.getByLabel("Source field for start_date").locator("option", { hasText: "campaign_id" }),
    ).toBeDisabled();

    await connect(page, "campaign_daily_performance", "campaign_summary");
    await expect(mapping).toContainText("campaign_daily_performance → campaign_summary");
    await mapping.getByLabel("Source field for total_spend").selectOption("spend");
    await mapping.getByLabel("Rule for total_spend").selectOption("sum");
    await mapping
      .getByLabel("Required: skip campaign_summary when campaign_daily_performance does not complete")
      .uncheck();

    await node(page, "top_campaigns").click();
    await inspector(page).getByLabel("Parameter limit").fill("5");
    // A label renames the node on the canvas; its id stays.
    await inspector(page).getByLabel("Label", { exact: true }).fill("Best campaigns");
    await expect(node(page, "top_campaigns")).toContainText("Best campaigns");
    await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
    await page.getByRole("group", { name: "Composition settings" }).getByLabel("Name").fill(name);

    await page.keyboard.press(`${modifier}+s`);
    await expect(page.getByTestId("save-status")).toHaveText("All changes saved");
    await expect(page).toHaveURL(/\/compositions\/comp_built_by_hand_[a-z0-9_]+$/);

    // Flow coordinates (what is saved), not screen ones: the view is fitted again on load.
    const position = () =>
      node(page, "campaign_summary").evaluate((element) => (element as HTMLElement).style.transform);
    const before = await position();
    await page.reload();
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    await expect(canvas(page).locator(".react-flow__node")).toHaveCount(3);
    await expect(canvas(page).locator(".react-flow__edge")).toHaveCount(2);
    await expect(canvas(page).getByText("campaign_id → campaign_ids (collect)")).toBeVisible();
    await expect(canvas(page).getByText("spend → total_spend (sum)")).toBeVisible();
    await expect(page.getByTestId("node-top_campaigns")).toContainText("1 set");
    await expect(page.getByTestId("node-top_campaigns")).toContainText("Best campaigns");
    expect(await position()).toBe(before);

    await node(page, "top_campaigns").click();
    await expect(inspector(page).getByLabel("Parameter limit")).toHaveValue("5");
    await expect(inspector(page).getByLabel("Label", { exact: true })).toHaveValue("Best campaigns");
    await node(page, "campaign_summary").click();
    await inspector(page).getByRole("button", { name: "← campaign_daily_performance.spend (sum)" }).click();
    await expect(
      mapping.getByLabel("Required: skip campaign_summary when campaign_daily_performance does not complete"),
    ).not.toBeChecked();
  });

  test("a mapping from many rows into one value asks which rule, suggests one, and says what it does", async ({
    adminPage: page,
    baseURL,
  }) => {
    const { api } = await openOwn(page, baseURL!, {
      name: "Totals",
      nodes: [
        {
          nodeId: "daily",
          templateId: "campaign_daily_performance",
          position: { x: 0, y: 0 },
          parameterOverrides: { campaign_ids: ["1"] },
        },
        {
          nodeId: "summary",
          templateId: "campaign_summary",
          position: { x: 420, y: 0 },
          parameterOverrides: { total_revenue: 1 },
        },
      ],
      connections: [],
    });
    await connect(page, "daily", "summary");
    const mapping = page.getByRole("group", { name: "Mapping editor" });
    await mapping.getByLabel("Source field for total_spend").selectOption("spend");
    await expect(mapping.getByLabel("Rule for total_spend")).toHaveValue("");
    await expect(mapping).toContainText("one value per row");
    await expect(canvas(page).getByText("spend → total_spend (choose a rule)")).toBeVisible();
    await expect(page.getByRole("button", { name: "▶ Run" })).toBeDisabled();

    await mapping.getByRole("button", { name: "Use sum" }).click();
    await expect(mapping.getByLabel("Rule for total_spend")).toHaveValue("sum");
    await expect(mapping).toContainText("Adds up the values of all rows");
    await expect(canvas(page).getByText("spend → total_spend (sum)")).toBeVisible();
    await expect(mapping).not.toContainText("one value per row");
    await api.dispose();
  });

  test("a new global starts from the default of the parameter it feeds, never a type's zero", async ({
    adminPage: page,
    baseURL,
  }) => {
    const { api, created } = await openOwn(page, baseURL!, {
      name: "New globals",
      nodes: [{ nodeId: "series", templateId: "number_series", position: { x: 0, y: 0 } }],
    });
    const settings = page.getByRole("group", { name: "Composition settings" });
    await settings.getByLabel("New global parameter", { exact: true }).fill("count");
    await settings.getByLabel("Type of the new global parameter").selectOption("integer");
    await settings.getByRole("button", { name: "Add", exact: true }).click();
    // number_series' count defaults to 100 (was: 0, which then ran instead of the default).
    await expect(settings.getByLabel("Global count")).toHaveValue("100");
    await page.keyboard.press(`${modifier}+s`);
    await expect(page.getByTestId("save-status")).toHaveText("All changes saved");
    const saved = await (await api.get(`/api/compositions/${created.id}`)).json();
    expect(saved.globalParameters).toEqual({ count: 100 });
    await api.dispose();
  });

  test("global parameters are a form; JSON that does not parse is refused, never dropped", async ({
    adminPage: page,
    baseURL,
  }) => {
    const { api, created } = await openOwn(page, baseURL!, {
      name: "Globals",
      globalParameters: { start_date: "2025-01-01" },
      nodes: [{ nodeId: "top", templateId: "top_campaigns", position: { x: 0, y: 0 } }],
    });
    const settings = page.getByRole("group", { name: "Composition settings" });
    await expect(settings.getByLabel("Global start_date")).toHaveValue("2025-01-01");
    await settings.getByLabel("Global start_date").fill("2025-02-01");
    await settings.getByLabel("New global parameter", { exact: true }).fill("Region!");
    await settings.getByRole("button", { name: "Add", exact: true }).click();
    await expect(settings.getByRole("alert")).toContainText("starts with a lowercase letter");
    await settings.getByLabel("New global parameter", { exact: true }).fill("region");
    await settings.getByRole("button", { name: "Add", exact: true }).click();
    await settings.getByLabel("Global region").fill("EU");
    await page.keyboard.press(`${modifier}+s`);
    await expect(page.getByTestId("save-status")).toHaveText("All changes saved");

    await settings.getByRole("button", { name: "Edit as JSON" }).click();
    const json = settings.getByLabel("Global parameters as JSON");
    await expect(json).toHaveValue(/"region": "EU"/);
    await json.fill('{"start_date": "2025-02-01", "region": "APAC",');
    await expect(settings.getByRole("alert")).toContainText("Not valid JSON");
    await expect(settings.getByRole("button", { name: "Apply" })).toBeDisabled();
    await expect(page.getByTestId("save-status")).toHaveText("● Unsaved: JSON not applied");
    await page.keyboard.press(`${modifier}+s`);
    await expect(page.getByRole("alert").filter({ hasText: "Not saved" })).toContainText("not applied");
    await expect(page.getByTestId("save-status")).not.toHaveText("All changes saved");

    await json.fill('{"start_date": "2025-02-01", "region": "APAC"}');
    await settings.getByRole("button", { name: "Apply" }).click();
    await expect(settings.getByLabel("Global region")).toHaveValue("APAC");
    await page.keyboard.press(`${modifier}+s`);
    await expect(page.getByTestId("save-status")).toHaveText("All changes saved");
    const saved = await (await api.get(`/api/compositions/${created.id}`)).json();
    expect(saved.globalParameters).toEqual({ start_date: "2025-02-01", region: "APAC" });
    await api.dispose();
  });

  test("refuses a connection that would close a cycle", async ({ adminPage: page, baseURL }) => {
    const { api } = await openOwn(page, baseURL!, {
      name: "Chain",
      nodes: [
        { nodeId: "a", templateId: "echo", position: { x: 0, y: 0 } },
        { nodeId: "b", templateId: "echo", position: { x: 360, y: 0 } },
      ],
      connections: [{ connectionId: "a_b", sourceNodeId: "a", targetNodeId: "b" }],
    });
    await connect(page, "b", "a");
    await expect(page.getByRole("status")).toContainText("would close a cycle");
    await expect(canvas(page).locator(".react-flow__edge")).toHaveCount(1);
    await expect(page.getByTestId("save-status")).toHaveText("All changes saved");
    await api.dispose();
  });

  test("shows a missing required parameter on its node; the finding focuses the node", async ({
    adminPage: page,
  }) => {
    await page.goto("/compositions/new");
    await dropTemplate(page, "campaign_daily_performance", { x: 200, y: 200 });
    await expect(page.getByTestId("node-campaign_daily_performance")).toContainText(/\d findings?/);
    await node(page, "campaign_daily_performance").click();
    await inspector(page).getByLabel("Label", { exact: true }).fill("Daily spend");
    await expect(page.getByRole("complementary", { name: "Findings" })).toContainText(
      'Node "Daily spend" needs a value for "campaign_ids"',
    );
    await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
    await expect(node(page, "campaign_daily_performance")).not.toHaveClass(/selected/);
    await page
      .getByRole("complementary", { name: "Findings" })
      .getByRole("button", { name: /missing_required_parameter.*campaign_ids/ })
      .click();
    await expect(node(page, "campaign_daily_performance")).toHaveClass(/selected/);
    await expect(node(page, "campaign_daily_performance")).toBeInViewport();
    await expect(page.getByRole("button", { name: "▶ Run" })).toBeDisabled();
  });

  test("undo and redo restore positions, nodes and edges; copy and paste keep the connections among the copies", async ({
    adminPage: page,
    baseURL,
  }) => {
    const { api } = await openOwn(page, baseURL!, {
      name: "Undo me",
      nodes: [
        { nodeId: "a", templateId: "echo", position: { x: 0, y: 0 } },
        { nodeId: "b", templateId: "echo", position: { x: 360, y: 0 } },
      ],
      connections: [{ connectionId: "a_b", sourceNodeId: "a", targetNodeId: "b" }],
    });
    const edges = canvas(page).locator(".react-flow__edge");
    const start = (await node(page, "b").boundingBox())!;
    await page.mouse.move(start.x + 60, start.y + 20);
    await page.mouse.down();
    await page.mouse.move(start.x + 60, start.y + 180, { steps: 8 });
    await page.mouse.up();
    const moved = (await node(page, "b").boundingBox())!;
    expect(moved.y).toBeGreaterThan(start.y + 100);

    await page.keyboard.press("Delete"); // b is selected after the drag: it goes, with its edge
    await expect(node(page, "b")).toHaveCount(0);
    await expect(edges).toHaveCount(0);

    await page.keyboard.press(`${modifier}+z`);
    await expect(node(page, "b")).toBeVisible();
    await expect(edges).toHaveCount(1);
    expect((await node(page, "b").boundingBox())!.y).toBeCloseTo(moved.y, 0);
    await page.keyboard.press(`${modifier}+z`);
    expect((await node(page, "b").boundingBox())!.y).toBeCloseTo(start.y, 0);
    await page.keyboard.press(`${modifier}+Shift+z`);
    expect((await node(page, "b").boundingBox())!.y).toBeCloseTo(moved.y, 0);

    await page.keyboard.press(`${modifier}+a`);
    await page.keyboard.press(`${modifier}+c`);
    await page.keyboard.press(`${modifier}+v`);
    await expect(canvas(page).locator(".react-flow__node")).toHaveCount(4);
    await expect(edges).toHaveCount(2);
    await expect(canvas(page).locator('.react-flow__edge[data-id="a_2_to_b_2"]')).toHaveCount(1);

    await page.keyboard.press(`${modifier}+s`);
    await expect(page.getByTestId("save-status")).toHaveText("All changes saved");
    await page.reload();
    await expect(canvas(page).locator(".react-flow__node")).toHaveCount(4);
    await expect(edges).toHaveCount(2);
    await api.dispose();
  });

  test("a second page saving the same composition gets the conflict dialog and loses nothing", async ({
    adminPage: page,
    baseURL,
  }) => {
    const { api, created } = await openOwn(page, baseURL!, {
      name: "Contested",
      nodes: [{ nodeId: "a", templateId: "echo", position: { x: 0, y: 0 } }],
    });
    const other = await page.context().newPage();
    await other.goto(`/compositions/${created.compositionId}`);
    await expect(node(other, "a")).toBeVisible();

    await page.getByRole("group", { name: "Composition settings" }).getByLabel("Name").fill("Theirs");
    await page.keyboard.press(`${modifier}+s`);
    await expect(page.getByTestId("save-status")).toHaveText("All changes saved");

    await other.getByRole("group", { name: "Composition settings" }).getByLabel("Name").fill("Ours");
    await other.getByRole("button", { name: "Save", exact: true }).click();
    const dialog = other.getByRole("dialog", { name: "Saved elsewhere" });
    await expect(dialog).toBeVisible();
    await expect(other.getByTestId("save-status")).toHaveText("● Unsaved changes");
    await dialog.getByRole("button", { name: /Save mine as a copy/ }).click();
    await expect(other.getByRole("heading", { name: "Ours (my copy)", level: 1 })).toBeVisible();

    const original = await (await api.get(`/api/compositions/${created.id}`)).json();
    expect(original.name).toBe("Theirs");
    await other.close();
    await api.dispose();
  });

  test("asks in the page before Back or a link leaves unsaved changes, and stays when told to", async ({
    adminPage: page,
  }) => {
    await page.goto("/compositions");
    await page.getByRole("link", { name: "New composition" }).click();
    await expect(page).toHaveURL(/\/compositions\/new$/);
    await dropTemplate(page, "echo", { x: 200, y: 200 });
    await expect(page.getByTestId("save-status")).toHaveText("● Unsaved changes");

    // Back is held and asked about in the page, not with the browser's confirm().
    let nativeDialogs = 0;
    page.on("dialog", (dialog) => {
      nativeDialogs += 1;
      void dialog.dismiss();
    });
    const ask = page.getByRole("dialog", { name: "Unsaved changes" });
    await page.evaluate(() => window.history.back());
    await expect(ask).toContainText("Leave without saving?");
    await ask.getByRole("button", { name: "Stay" }).click();
    await expect(ask).toBeHidden();
    await expect(page).toHaveURL(/\/compositions\/new$/);
    await expect(node(page, "echo")).toBeVisible();

    // So is a link inside the app.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Templates" }).click();
    await expect(ask).toBeVisible();
    await ask.getByRole("button", { name: "Stay" }).click();
    await expect(page).toHaveURL(/\/compositions\/new$/);

    await page.evaluate(() => window.history.back());
    await ask.getByRole("button", { name: "Leave without saving" }).click();
    expect(nativeDialogs).toBe(0);
    await expect(page).toHaveURL(/\/compositions$/);
  });

  test("lists its keyboard shortcuts on ? and from the toolbar", async ({ adminPage: page }) => {
    await page.goto("/compositions/new");
    await expect(page.getByTestId("save-status")).toHaveText("Not saved yet");
    const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await page.locator(".react-flow__pane").click();
    await page.keyboard.press("?");
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("row", { name: /Undo/ })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect(dialog).toBeHidden();
  });
});

test.describe("README screenshot", () => {
  test.use({ viewport: { width: 1440, height: 860 } });

  // Always taken (and checked); copied over the README's image with `SCREENSHOTS=update npm run test:e2e`.
  test("the editor with the demo composition", async ({ adminPage: page }, testInfo) => {
    await page.goto("/compositions/comp_campaign_analysis_v1");
    await expect(canvas(page).locator(".react-flow__node")).toHaveCount(4);
    await node(page, "summary").click();
    await expect(inspector(page)).toContainText("Campaign summary");
    await page.mouse.move(0, 0);
    const file = testInfo.outputPath("editor.png");
    await page.screenshot({ path: file });
    if (process.env.SCREENSHOTS === "update") {
      const { copyFileSync, mkdirSync } = await import("node:fs");
      mkdirSync("public/readme", { recursive: true });
      copyFileSync(file, "public/readme/editor.png");
    }
  });

  test("a run of the demo with a node's chart", async ({ adminPage: page }, testInfo) => {
    await page.goto("/compositions/comp_campaign_analysis_v1");
    await page.getByRole("button", { name: "▶ Run" }).click();
    await page
      .getByRole("dialog", { name: "Run parameters" })
      .getByRole("button", { name: "Start run" })
      .click();
    await expect(page).toHaveURL(/\/executions\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("status", { name: "Progress" })).toHaveText("4 of 4 completed", {
      timeout: 30_000,
    });
    await page.getByTestId("node-daily_performance").click();
    const panel = page.getByRole("complementary", { name: "Node" });
    await panel.getByRole("tab", { name: "Chart" }).click();
    await expect(panel.locator(".recharts-line").first()).toBeVisible();
    await page.mouse.move(0, 0);
    const file = testInfo.outputPath("run.png");
    await page.screenshot({ path: file });
    if (process.env.SCREENSHOTS === "update") {
      const { copyFileSync } = await import("node:fs");
      copyFileSync(file, "public/readme/run.png");
    }
  });
});
