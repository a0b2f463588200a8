import type { APIRequestContext } from "@playwright/test";
import { executionSchema, logsSchema, resultPageSchema } from "../lib/engine/responses";
import { apiAs, expect, test, waitForFinish } from "./fixtures";

let alice: APIRequestContext;
let bob: APIRequestContext;

test.beforeAll(async ({ baseURL }) => {
  alice = await apiAs(baseURL!);
  bob = await apiAs(baseURL!);
});
test.afterAll(async () => {
  await alice.dispose();
  await bob.dispose();
});

test.describe("POST /api/compositions/:id/executions", () => {
  test("runs the demo: 202, then every node completes; results page, CSV and logs agree", async () => {
    const started = await alice.post("/api/compositions/comp_campaign_analysis_v1/executions", {
      data: { parameters: {} },
    });
    expect(started.status()).toBe(202);
    const { execution } = await started.json();
    const run = executionSchema.parse(await waitForFinish(alice, execution.id));
    expect(run).toMatchObject({ status: "completed", completedNodes: 4, trigger: "api" });
    expect(run.nodes.map((node: { status: string }) => node.status)).toEqual([
      "completed",
      "completed",
      "completed",
      "completed",
    ]);

    const page = await (
      await alice.get(`/api/executions/${execution.id}/nodes/daily_performance/result?offset=10&limit=5`)
    ).json();
    expect(resultPageSchema.safeParse(page).success).toBe(true);
    expect(page).toMatchObject({ type: "table", rowCount: 90, truncated: false, offset: 10, limit: 5 });
    expect(page.rows).toHaveLength(5);
    expect(page.columns.map((c: { name: string; type: string }) => `${c.name}:${c.type}`)).toEqual([
      "metric_date:date",
      "impressions:integer",
      "clicks:integer",
      "ctr:number",
      "spend:number",
      "cpc:number",
    ]);
    const csv = await alice.get(`/api/executions/${execution.id}/nodes/daily_performance/result.csv`);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe("metric_date,impressions,clicks,ctr,spend,cpc");
    expect(lines).toHaveLength(page.rowCount + 1);
    expect(lines[11]!.startsWith(`${page.rows[0].metric_date},`)).toBe(true);
    // "CSV for Excel": the same bytes after UTF-8's byte order mark; the plain one has none.
    const plain = await csv.body();
    const forExcel = await (
      await alice.get(`/api/executions/${execution.id}/nodes/daily_performance/result.csv?bom=1`)
    ).body();
    expect([...forExcel.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(forExcel.subarray(3).equals(plain)).toBe(true);
    expect(plain[0]).not.toBe(0xef);

    const { lines: logs } = logsSchema.parse(
      await (await alice.get(`/api/executions/${execution.id}/logs`)).json(),
    );
    expect(logs.at(-1)).toMatchObject({ nodeId: null, message: "Run completed" });

    const history = await (
      await alice.get("/api/compositions/comp_campaign_analysis_v1/executions?status=completed")
    ).json();
    expect(history.items.map((item: { id: string }) => item.id)).toContain(execution.id);
  });

  test("refuses a composition with findings with 422 and the findings", async () => {
    const created = await (
      await alice.post("/api/compositions", {
        data: { name: "Unrunnable", nodes: [{ nodeId: "d", templateId: "campaign_daily_performance" }] },
      })
    ).json();
    const response = await alice.post(`/api/compositions/${created.id}/executions`);
    expect(response.status()).toBe(422);
    const { error } = await response.json();
    expect(error.issues).toContainEqual(
      expect.objectContaining({ code: "missing_required_parameter", nodeId: "d", param: "campaign_ids" }),
    );
  });

  test("refuses a run parameter that does not fit, naming it", async () => {
    const response = await alice.post("/api/compositions/comp_campaign_analysis_v1/executions", {
      data: { parameters: { start_date: "last tuesday" } },
    });
    expect(response.status()).toBe(400);
    expect((await response.json()).error.message).toMatch(/"start_date" must be a date/);
  });

  test("hides another user's private runs, and lets only the starter, owner or admin cancel", async () => {
    const created = await (
      await alice.post("/api/compositions", {
        data: {
          name: "Slow private",
          nodes: [{ nodeId: "wait", templateId: "delay", parameterOverrides: { milliseconds: 20_000 } }],
        },
      })
    ).json();
    const { execution } = await (await alice.post(`/api/compositions/${created.id}/executions`)).json();
    expect((await bob.get(`/api/executions/${execution.id}`)).status()).toBe(404);
    expect((await bob.post(`/api/executions/${execution.id}/cancel`)).status()).toBe(404);
    const cancelled = await alice.post(`/api/executions/${execution.id}/cancel`);
    expect(cancelled.status()).toBe(200);
    expect((await cancelled.json()).status).toBe("cancelled");
    expect((await alice.post(`/api/executions/${execution.id}/cancel`)).status()).toBe(409);
  });
});

test.describe("GET /api/executions", () => {
  test("pages with the cursor it gives out, and names a cursor it did not give out", async () => {
    for (let i = 0; i < 3; i++) {
      const started = await alice.post("/api/compositions/comp_campaign_analysis_v1/executions", {
        data: { parameters: {} },
      });
      expect(started.status()).toBe(202);
    }
    const first = await (await alice.get("/api/executions?limit=2")).json();
    expect(first.items).toHaveLength(2);
    const second = await (await alice.get(`/api/executions?limit=2&cursor=${first.nextCursor}`)).json();
    const ids = [...first.items, ...second.items].map((run: { id: string }) => run.id);
    expect(new Set(ids).size).toBe(ids.length);

    const bogus = await alice.get("/api/executions?cursor=2026-11-22T00:00:00Z");
    expect(bogus.status()).toBe(400);
    const { error } = await bogus.json();
    expect(error.code).toBe("bad_request");
    expect(error.issues).toContainEqual(expect.objectContaining({ path: ["cursor"] }));
  });
});
