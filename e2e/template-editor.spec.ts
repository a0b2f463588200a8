import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startShopDatabase } from "../lib/testing/shop-database";
import { expect, test, waitForFinish } from "./fixtures";

let shop: Awaited<ReturnType<typeof startShopDatabase>>;

test.beforeAll(async () => {
  shop = await startShopDatabase();
});
test.afterAll(async () => {
  await shop?.stop();
});

test("write a SQL template on your own source: completion, parameters, preview, save; it runs in a composition and a save makes a new version", async ({
  newUser: { api, page },
}) => {
  test.setTimeout(90_000);
  const { dataSource } = await (
    await api.post("/api/data-sources", {
      data: {
        name: "Shop",
        kind: "postgres",
        connection: shop.connection,
      },
    })
  ).json();
  await page.goto("/templates");
  await page.getByRole("link", { name: "New template" }).click();
  await expect(page).toHaveURL(/\/templates\/new$/);
  await page.getByLabel("Name").fill("Big orders");
  await page.getByRole("combobox", { name: /^Data source/ }).selectOption(dataSource.id);

  const sql = page.getByRole("textbox", { name: "SQL" });
  await sql.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type("SELECT id, amo");
  // The source's columns are offered as you type.
  const offered = page.getByRole("option", { name: /^amount/ });
  // The source's tables load when it is chosen; until they have, Ctrl+Space asks again.
  await expect(async () => {
    if (!(await offered.isVisible())) await page.keyboard.press("Control+Space");
    await expect(offered).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await offered.click();
  await page.keyboard.type(" FROM orders WHERE amount > :min ORDER BY id");
  await expect(sql).toContainText("SELECT id, amount FROM orders WHERE amount > :min ORDER BY id");

  const parameters = page.getByRole("region", { name: "Parameters" });
  await expect(parameters.getByLabel("Type of min")).toHaveValue("number");
  await expect(page.getByRole("region", { name: "Outputs" })).toContainText("amount number");
  await parameters.getByLabel("Description of min").fill("Smallest amount");
  // The preview runs with exactly the value on screen: the default until one is typed (it was sent
  // as nothing, and answered 0 rows); a cleared field stays clear.
  await parameters.getByLabel("Default of min").fill("300");
  const preview = parameters.getByLabel("Preview value of min");
  await expect(preview).toHaveValue("300");
  await page.getByRole("button", { name: "Run preview" }).click();
  const over300 = await shop.sql<{ n: string }>("SELECT count(*) AS n FROM orders WHERE amount > 300");
  expect(Number(over300[0]!.n)).toBeGreaterThan(0);
  await expect(page.getByTestId("preview-summary")).toContainText(`${over300[0]!.n} rows in`);
  await preview.fill("");
  await expect(preview).toHaveValue("");
  await preview.fill("500");
  await page.getByRole("button", { name: "Run preview" }).click();
  const expected = await shop.sql<{ n: string }>("SELECT count(*) AS n FROM orders WHERE amount > 500");
  await expect(page.getByTestId("preview-summary")).toContainText(`${expected[0]!.n} rows in`);
  await expect(page.getByRole("table", { name: "Preview rows" }).getByRole("row")).toHaveCount(
    Number(expected[0]!.n) + 1,
  );

  // Its results open as a bar chart of amount by id.
  const chartPicker = page.getByRole("region", { name: "Default chart" });
  await chartPicker.getByRole("combobox", { name: "Chart type" }).selectOption("bar");
  await chartPicker.getByRole("checkbox", { name: "amount" }).check();
  await chartPicker.getByRole("checkbox", { name: "id" }).uncheck();

  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved as version 1." })).toBeVisible();
  await expect(page).toHaveURL(/\/templates\/big_orders_[0-9a-f]{6}\/edit$/);
  // The page is the saved template's now: its heading and title say so.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Edit Big orders/);
  await expect(page.getByText("Version 1. Saving makes version 2")).toBeVisible();
  await expect(page).toHaveTitle(/^Edit Big orders.* · QueryFlow$/);
  const templateId = page.url().split("/templates/")[1]!.replace("/edit", "");

  // It runs in a composition, on the real worker, with the rows the database has.
  const composition = await (
    await api.post("/api/compositions", {
      data: {
        name: "Orders over 400",
        nodes: [{ nodeId: "orders", templateId, parameterOverrides: { min: 400 } }],
      },
    })
  ).json();
  const started = await (await api.post(`/api/compositions/${composition.id}/executions`)).json();
  expect((await waitForFinish(api, started.execution.id)).status).toBe("completed");
  const result = await (await api.get(`/api/executions/${started.execution.id}/nodes/orders/result`)).json();
  const over400 = await shop.sql<{ id: number }>("SELECT id FROM orders WHERE amount > 400 ORDER BY id");
  expect(result.rows.map((row: { id: number }) => row.id)).toEqual(over400.map((row) => row.id));
  const editorUrl = page.url();
  await page.goto(`/executions/${started.execution.id}`);
  await page.getByTestId("node-orders").click();
  const panel = page.getByRole("complementary", { name: "Node" });
  await panel.getByRole("tab", { name: "Chart" }).click();
  await expect(
    panel.getByRole("figure", { name: "bar chart of amount by id" }).locator(".recharts-bar-rectangle"),
  ).toHaveCount(over400.length);
  await page.goto(editorUrl);

  // SQL the database refuses shows no outputs of the SQL before it, and the chosen type stays.
  const outputs = page.getByRole("region", { name: "Outputs" });
  await expect(outputs).toContainText("amount number");
  await sql.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" nonsense");
  await expect(outputs).toContainText("None until the definition describes without an error.");
  await expect(outputs).not.toContainText("amount");
  await expect(parameters.getByLabel("Type of min")).toHaveValue("number");
  for (const _ of " nonsense") await page.keyboard.press("Backspace");
  await expect(outputs).toContainText("amount number");

  // A second save is version 2; both versions are kept.
  await page.keyboard.type(" DESC");
  await expect(parameters.getByLabel("Type of min")).toHaveValue("number");
  await page.getByRole("button", { name: "Save a new version" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved as version 2." })).toBeVisible();
  const versions = await (await api.get(`/api/templates/${templateId}/versions`)).json();
  expect(versions.versions.map((version: { version: number }) => version.version)).toEqual([2, 1]);

  // The composition's node keeps running version 1 and offers version 2; one click upgrades it.
  await page.goto(`/compositions/${composition.compositionId}`);
  const node = page.getByTestId("node-orders");
  await expect(node).toContainText("v2 available");
  await node.click();
  const inspector = page.getByRole("group", { name: "Node orders" });
  await expect(inspector).toContainText("template version 1");
  await inspector.getByRole("button", { name: "Upgrade to version 2" }).click();
  await expect(node).not.toContainText("v2 available");
  await expect(inspector).toContainText("template version 2");
  await expect(page.getByTestId("save-status")).toHaveText("● Unsaved changes");
  await page.keyboard.press("Control+s");
  await expect(page.getByTestId("save-status")).toHaveText("All changes saved");
  const saved = await (await api.get(`/api/compositions/${composition.id}`)).json();
  expect(saved.nodes[0].templateVersion).toBe(2);
  expect(saved.issues).toEqual([]);
});

test("SQL on a DuckDB source is completed in DuckDB's words, each option marked in plain letters", async ({
  newUser: { api, page },
}) => {
  const { dataSource } = await (
    await api.post("/api/data-sources", { data: { name: "Files", kind: "duckdb" } })
  ).json();
  const uploaded = await api.post(`/api/data-sources/${dataSource.id}/files`, {
    multipart: {
      file: { name: "visits.csv", mimeType: "text/csv", buffer: Buffer.from("day,visitors\n2025-01-01,3\n") },
    },
  });
  expect(uploaded.status()).toBe(201);
  await page.goto("/templates/new");
  await page.getByRole("combobox", { name: /^Data source/ }).selectOption(dataSource.id);
  const sql = page.getByRole("textbox", { name: "SQL" });
  await sql.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type("SELECT * FROM visits QUALI");
  const qualify = page.getByRole("option", { name: /^QUALIFY/ });
  await expect(async () => {
    if (!(await qualify.isVisible())) await page.keyboard.press("Control+Space");
    await expect(qualify).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  const icon = (name: RegExp) =>
    page
      .getByRole("option", { name })
      .locator(".cm-completionIcon")
      .evaluate((element) => getComputedStyle(element, "::after").content);
  expect(await icon(/^QUALIFY/)).toBe('"kw"');
  // PostgreSQL's words are not DuckDB's: VACUUM is not offered.
  await page.keyboard.press("Escape");
  await page.keyboard.type(" VACU");
  await page.keyboard.press("Control+Space");
  await expect(page.getByRole("option", { name: /^VACUUM/ })).toHaveCount(0);
  // The source's tables and columns, named as such.
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type("SELECT visi");
  await page.keyboard.press("Control+Space");
  await expect(page.getByRole("option", { name: /^visitors/ })).toBeVisible();
  expect(await icon(/^visitors/)).toBe('"col"');
  expect(await icon(/^visits/)).toBe('"table"');
});

test("write an HTTP template: parameters from {{placeholders}}, columns from a test call, internal addresses refused", async ({
  newUser: { api, page },
}) => {
  const people = [
    { id: 1, name: "Ada", score: 9.5 },
    { id: 2, name: "Grace", score: 8 },
    { id: 3, name: "Edsger", score: 7.25 },
  ];
  const server = createServer((request, response) => {
    const limit = Number(new URL(request.url!, "http://x").searchParams.get("limit"));
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ people: people.slice(0, limit) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  try {
    await page.goto("/templates/new?kind=http");
    await page.getByRole("textbox", { name: "Name", exact: true }).fill("People");
    const url = page.getByRole("textbox", { name: "URL" });
    await url.fill(`http://127.0.0.1:${port}/people?limit={{limit}}`);
    await page.getByRole("textbox", { name: /^Rows/ }).fill("body.people");
    const parameters = page.getByRole("region", { name: "Parameters" });
    await expect(parameters.getByLabel("Type of limit")).toHaveValue("string");
    await parameters.getByLabel("Preview value of limit").fill("2");

    // Loopback by address is internal: the test call is refused, saying why.
    const preview = page.getByRole("region", { name: "Preview" });
    await preview.getByRole("button", { name: "Run test call" }).click();
    await expect(preview.getByRole("alert")).toContainText("an internal address");

    // By the name the administrator allowed (HTTP_ALLOWLIST), it is called; its rows give the columns.
    await url.fill(`http://localhost:${port}/people?limit={{limit}}`);
    await preview.getByRole("button", { name: "Run test call" }).click();
    await expect(page.getByTestId("preview-summary")).toContainText("2 rows in");
    await expect(preview.getByRole("table", { name: "Preview rows" }).getByRole("row")).toHaveCount(3);
    await expect(page.getByRole("region", { name: "Outputs" })).toContainText("score number");

    await page.getByRole("button", { name: "Save template" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved as version 1." })).toBeVisible();
    const templateId = page.url().split("/templates/")[1]!.replace("/edit", "");
    const template = await (await api.get(`/api/templates/${templateId}`)).json();
    expect(template).toMatchObject({
      kind: "http",
      definition: { method: "GET", rows: "body.people" },
      parameters: [{ name: "limit", type: "string" }],
      outputs: [
        { name: "id", type: "integer" },
        { name: "name", type: "string" },
        { name: "score", type: "number" },
      ],
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test("write a transform template: parameters from the sample, outputs from the expression, and it runs", async ({
  newUser: { api, page },
}) => {
  await page.goto("/templates/new");
  await page.getByLabel("Name").fill("Totals");
  await page.getByLabel("Kind").selectOption("transform");
  await page.getByLabel("Expression").fill('{ "total": $sum(prices), "count": $count(prices) }');
  await page.getByLabel("Sample input").fill('{ "prices": [1.5, 2] }');
  const parameters = page.getByRole("region", { name: "Parameters" });
  await expect(parameters.getByLabel("Type of prices")).toHaveValue("number[]");
  const outputs = page.getByRole("region", { name: "Outputs" });
  await expect(outputs).toContainText("total number");
  await expect(outputs).toContainText("count integer");

  await page.getByRole("button", { name: "Run preview" }).click();
  const rows = page.getByRole("table", { name: "Preview rows" }).getByRole("row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("3.5");

  // A broken sample says so, and nothing can be saved until it is fixed.
  await page.getByLabel("Sample input").fill('{ "prices": [1.5, 2] ');
  await expect(page.getByRole("alert").filter({ hasText: "The sample input is not JSON" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save template" })).toBeDisabled();
  await page.getByLabel("Sample input").fill('{ "prices": [1.5, 2] }');

  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved as version 1." })).toBeVisible();
  const templateId = page.url().split("/templates/")[1]!.replace("/edit", "");
  const composition = await (
    await api.post("/api/compositions", {
      data: {
        name: "Totals",
        nodes: [{ nodeId: "totals", templateId, parameterOverrides: { prices: [10, 20, 12.5] } }],
      },
    })
  ).json();
  const started = await (await api.post(`/api/compositions/${composition.id}/executions`)).json();
  expect((await waitForFinish(api, started.execution.id)).status).toBe("completed");
  const result = await (await api.get(`/api/executions/${started.execution.id}/nodes/totals/result`)).json();
  expect(result).toMatchObject({ type: "json", value: { total: 42.5, count: 3 } });
});
