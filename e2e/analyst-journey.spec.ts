import { request } from "@playwright/test";
import { expect, test, waitForFinish } from "./fixtures";

// An analyst's first real piece of work, on data made here (not the sample warehouse): every figure
// the product shows is checked against the same figure computed from the file itself.

/** Two years of daily sales, amounts with cents; computed in cents so the expected sums are exact. */
function salesFile() {
  const rows: { day: string; cents: number }[] = [];
  for (let day = new Date(Date.UTC(2024, 0, 1)), i = 0; day.getUTCFullYear() < 2026; i++) {
    rows.push({ day: day.toISOString().slice(0, 10), cents: ((i * 3779) % 100_000) + 7 });
    day = new Date(day.getTime() + 86_400_000);
  }
  const csv = `day,amount\n${rows.map((row) => `${row.day},${(row.cents / 100).toFixed(2)}`).join("\n")}\n`;
  const ofYear = (year: number) => rows.filter((row) => row.day.startsWith(String(year)));
  return { csv, ofYear };
}

test("upload a CSV, write a SQL template, map it into a total, run by hand and by webhook: every number matches the file", async ({
  newUser: { api, page },
  baseURL,
}) => {
  const { csv, ofYear } = salesFile();
  const { dataSource } = await (
    await api.post("/api/data-sources", { data: { name: "Shop files", kind: "duckdb" } })
  ).json();
  const uploaded = await api.post(`/api/data-sources/${dataSource.id}/files`, {
    multipart: { file: { name: "sales.csv", mimeType: "text/csv", buffer: Buffer.from(csv) } },
  });
  expect(uploaded.status()).toBe(201);
  expect((await uploaded.json()).table).toMatchObject({
    name: "sales",
    rows: ofYear(2024).length + ofYear(2025).length,
  });

  const saved = await api.post("/api/templates", {
    data: {
      kind: "sql",
      name: "Sales of a year",
      dataSourceId: dataSource.id,
      definition: { sql: "SELECT day, amount FROM sales WHERE year(day) = :year ORDER BY day" },
    },
  });
  expect(saved.status(), await saved.text()).toBe(201);
  const { templateId } = (await saved.json()).template;

  const created = await api.post("/api/compositions", {
    data: {
      name: "Yearly total",
      globalParameters: { year: 2023 },
      nodes: [
        { nodeId: "sales", templateId, parameterOverrides: { year: "{{global.year}}" } },
        {
          nodeId: "total",
          templateId: "jsonata_transform",
          parameterOverrides: { expression: "$round($sum(input), 2)" },
        },
      ],
      connections: [
        {
          connectionId: "sales_total",
          sourceNodeId: "sales",
          targetNodeId: "total",
          fieldMappings: { input: "amount" },
          transformationRules: { input: "collect" },
        },
      ],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const composition = await created.json();

  const { trigger } = await (
    await api.post(`/api/compositions/${composition.id}/triggers`, { data: { kind: "webhook" } })
  ).json();
  const outsider = await request.newContext({ baseURL });
  const byHand = (
    await (
      await api.post(`/api/compositions/${composition.id}/executions`, {
        data: { parameters: { year: 2024 } },
      })
    ).json()
  ).execution;
  const hooked = await outsider.post(new URL(trigger.url).pathname, { data: { year: 2025 } });
  expect(hooked.status()).toBe(202);
  const byHook = (await hooked.json()).execution;
  await outsider.dispose();

  for (const [year, id] of [
    [2024, byHand.id],
    [2025, byHook.id],
  ] as const) {
    const rows = ofYear(year);
    const expectedTotal = rows.reduce((sum, row) => sum + row.cents, 0) / 100;
    const finished = await waitForFinish(api, id);
    expect(finished.status, finished.error).toBe("completed");
    const total = await (await api.get(`/api/executions/${id}/nodes/total/result`)).json();
    expect(total.value, `the ${year} total`).toBe(expectedTotal);

    // The CSV holds every row of the year, each amount as the file has it.
    const lines = (await (await api.get(`/api/executions/${id}/nodes/sales/result.csv`)).text())
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("day,amount");
    expect(lines.slice(1)).toEqual(rows.map((row) => `${row.day},${row.cents / 100}`));

    // The run page: the header, the row count, and the first row as the table shows it.
    await page.goto(`/executions/${id}`);
    await expect(page.getByRole("status", { name: "Progress" })).toHaveText("2 of 2 completed");
    await page.getByText("sales", { exact: true }).first().click();
    await expect(page.getByTestId("row-count")).toHaveText(`${rows.length} rows`);
    const first = page.getByRole("table", { name: "Result rows" }).getByRole("row").nth(1);
    await expect(first).toContainText(`Jan 1, ${year}`);
    await expect(first).toContainText(
      (rows[0]!.cents / 100).toLocaleString("en-US", { maximumFractionDigits: 6 }),
    );
  }
});
