import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type { DataSourceDeps } from "@/lib/data-sources/service";
import { getResultPage } from "@/lib/engine/read";
import { testDataSourceDeps } from "@/lib/testing/data-source-deps";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { makeUser, runToEnd, startTestWorker } from "@/lib/testing/engine";
import type { RunningWorker } from "@/lib/worker/worker";
import { createTemplate, saveTemplateBodySchema } from "./authored";
import { describeTemplate, previewTemplate, previewTemplateBodySchema } from "./authoring";

// HTTP and transform templates written in the app: inferred from a test call or a sample, run on the worker.

const items = [
  { id: 1, name: "Ada", score: 9.5 },
  { id: 2, name: "Grace", score: 8 },
  { id: 3, name: "Edsger", score: 7.25 },
];
let database: TestDatabase;
let worker: RunningWorker;
let server: Server;
let base = "";
let alice: SessionUser;
let deps: DataSourceDeps;

beforeAll(async () => {
  server = createServer((request, response) => {
    const limit = Number(new URL(request.url!, "http://x").searchParams.get("limit") ?? 10);
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ items: items.slice(0, limit) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  database = await createTestDatabase();
  alice = await makeUser(database, "alice");
  const plain = testDataSourceDeps(database);
  // The test's server is on loopback, which only an allowlist lets templates call.
  deps = { ...plain, env: { ...plain.env, HTTP_ALLOWLIST: ["127.0.0.1"] } };
  worker = await startTestWorker(database, { HTTP_ALLOWLIST: "127.0.0.1" });
}, 60_000);
afterAll(async () => {
  await worker.stop();
  await database.drop();
  await new Promise((resolve) => server.close(resolve));
});

const save = (body: unknown) => createTemplate(database.db, alice, saveTemplateBodySchema.parse(body), deps);

describe("an HTTP template written in the app", () => {
  const definition = () => ({ method: "GET", url: `${base}/items?limit={{limit}}`, rows: "body.items" });

  it("finds its parameters in the URL, takes its outputs from a test call, and runs its rows on the worker", async () => {
    const described = await describeTemplate(
      database.db,
      alice,
      { kind: "http", definition: { ...definition(), method: "GET", headers: {} } },
      deps,
    );
    expect(described.parameters).toEqual([
      { name: "limit", type: "string", required: true, description: "" },
    ]);
    const preview = await previewTemplate(
      database.db,
      alice,
      previewTemplateBodySchema.parse({ kind: "http", definition: definition(), values: { limit: "2" } }),
      deps,
    );
    expect(preview).toMatchObject({ rows: items.slice(0, 2), rowCount: 2, truncated: false });

    const template = await save({
      name: "People",
      kind: "http",
      definition: definition(),
      parameters: [{ name: "limit", type: "string", required: false, default: "3" }],
    });
    // Outputs inferred from a call with the defaults.
    expect(template.outputs).toEqual([
      { name: "id", type: "integer", description: "" },
      { name: "name", type: "string", description: "" },
      { name: "score", type: "number", description: "" },
    ]);
    const { execution, nodes } = await runToEnd(database, alice, {
      name: "People",
      nodes: [{ nodeId: "people", templateId: template.templateId, parameterOverrides: { limit: "2" } }],
    });
    expect(execution.status).toBe("completed");
    const result = await getResultPage(database.db, alice, execution.id, "people", {
      offset: 0,
      limit: 10,
      order: "asc",
    });
    expect(result).toMatchObject({ type: "table", rows: items.slice(0, 2) });
    expect(nodes.people!.status).toBe("completed");
  });

  it("refuses a test call to an internal address without the allowlist, and parameters that are not its placeholders", async () => {
    const unguarded = testDataSourceDeps(database);
    await expect(
      previewTemplate(
        database.db,
        alice,
        previewTemplateBodySchema.parse({ kind: "http", definition: definition(), values: { limit: "1" } }),
        unguarded,
      ),
    ).rejects.toMatchObject({
      code: "unprocessable_entity",
      message: expect.stringContaining("it resolves to 127.0.0.1, an internal address"),
    });
    await expect(
      save({
        name: "Wrong",
        kind: "http",
        definition: definition(),
        parameters: [{ name: "size", type: "string" }],
        outputs: [],
      }),
    ).rejects.toMatchObject({
      code: "bad_request",
      message: "The parameters must be the template's: {{limit}}.",
    });
  });
});

describe("a transform template written in the app", () => {
  const expression = '{ "total": $sum(prices), "count": $count(prices) }';

  it("takes its parameters from the sample and its outputs from the expression on it, and runs on the worker", async () => {
    const template = await save({
      name: "Totals",
      kind: "transform",
      definition: { expression, sample: { prices: [1, 2.5] } },
    });
    expect(template).toMatchObject({
      kind: "transform",
      dataSourceId: null,
      parameters: [{ name: "prices", type: "number[]", required: true }],
      outputs: [
        { name: "total", type: "number" },
        { name: "count", type: "integer" },
      ],
    });
    const preview = await previewTemplate(
      database.db,
      alice,
      previewTemplateBodySchema.parse({
        kind: "transform",
        definition: { expression, sample: { prices: [1] } },
        values: { prices: [10, 20] },
      }),
      deps,
    );
    expect(preview.rows).toEqual([{ total: 30, count: 2 }]);

    const { execution } = await runToEnd(database, alice, {
      name: "Totals",
      nodes: [
        { nodeId: "totals", templateId: template.templateId, parameterOverrides: { prices: [4, 5, 6] } },
      ],
    });
    expect(execution.status).toBe("completed");
    const result = await getResultPage(database.db, alice, execution.id, "totals", {
      offset: 0,
      limit: 10,
      order: "asc",
    });
    expect(result).toMatchObject({ type: "json", value: { total: 15, count: 3 } });
  });

  it("refuses an expression that does not parse, and one running past the sandbox's limit was stopped", async () => {
    const preview = (expression: string) =>
      previewTemplate(
        database.db,
        alice,
        previewTemplateBodySchema.parse({ kind: "transform", definition: { expression } }),
        deps,
      );
    await expect(preview("{ 'a': ")).rejects.toMatchObject({
      code: "unprocessable_entity",
      message: expect.stringMatching(/^The expression failed: /),
    });
    await expect(preview("($f := function($n) { $f($n + 1) }; $f(0))")).rejects.toMatchObject({
      code: "unprocessable_entity",
    });
  }, 20_000);
});
