import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/user";
import { resealSecrets } from "@/lib/data-sources/rotate";
import type { DataSourceDeps } from "@/lib/data-sources/service";
import { keyRing } from "@/lib/data-sources/service";
import { getResultPage } from "@/lib/engine/read";
import { secretKeyFrom } from "@/lib/security/secret-box";
import { testDataSourceDeps } from "@/lib/testing/data-source-deps";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { makeUser, runToEnd, startTestWorker } from "@/lib/testing/engine";
import type { RunningWorker } from "@/lib/worker/worker";
import { createTemplate, getTemplateVersion, updateTemplate } from "./authored";
import { describeTemplate, previewTemplate } from "./authoring";
import { HIDDEN_HEADER_VALUE } from "./header-secrets";
import { previewTemplateBodySchema, saveTemplateBodySchema } from "./schema";
import { getTemplateOrThrow } from "./service";

// HTTP and transform templates written in the app: inferred from a test call or a sample, run on the worker.

const TOKEN = "s3cret-api-token-4711";
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
    if (
      request.url!.startsWith("/secure") &&
      request.headers["x-api-key"] !== `${TOKEN}-${request.headers["x-tenant"]}`
    ) {
      response.writeHead(401).end("wrong key");
      return;
    }
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

describe("an HTTP template's header values", () => {
  it("are sealed at rest and hidden in the API, sent on test calls and runs, kept by a save that leaves them hidden", async () => {
    const definition = {
      method: "GET",
      url: `${base}/secure/items?limit=2`,
      headers: { "X-Api-Key": `${TOKEN}-{{tenant}}`, "X-Tenant": "{{tenant}}" },
      rows: "body.items",
    };
    const template = await save({
      name: "Secure",
      kind: "http",
      definition,
      parameters: [{ name: "tenant", type: "string", required: false, default: "acme" }],
    });
    expect(template.definition.headers).toEqual({
      "X-Api-Key": HIDDEN_HEADER_VALUE,
      "X-Tenant": HIDDEN_HEADER_VALUE,
    });
    const stored = await database.sql(
      "SELECT t.definition::text AS t, v.definition::text AS v FROM query_flow_templates t JOIN query_flow_template_versions v USING (template_id) WHERE t.template_id = $1",
      [template.templateId],
    );
    expect(JSON.stringify(stored)).not.toContain(TOKEN);
    expect(JSON.stringify(await getTemplateOrThrow(database.db, alice, template.templateId))).not.toContain(
      TOKEN,
    );
    expect(
      JSON.stringify(await getTemplateVersion(database.db, alice, template.templateId, 1)),
    ).not.toContain(TOKEN);

    // The editor sends back what it was shown: the stored values stand for the hidden ones.
    const shown = { ...definition, headers: template.definition.headers as Record<string, string> };
    const testCall = (withDeps: DataSourceDeps) =>
      previewTemplate(
        database.db,
        alice,
        previewTemplateBodySchema.parse({
          kind: "http",
          definition: shown,
          templateId: template.templateId,
          values: { tenant: "acme" },
        }),
        withDeps,
      );
    expect((await testCall(deps)).rows).toEqual(items.slice(0, 2));
    const saved = await updateTemplate(
      database.db,
      alice,
      template.templateId,
      saveTemplateBodySchema.parse({
        name: "Secure",
        kind: "http",
        definition: shown,
        parameters: template.parameters,
      }),
      deps,
    );
    expect(saved.version).toBe(2);
    const { execution } = await runToEnd(database, alice, {
      name: "Secure run",
      nodes: [{ nodeId: "secure", templateId: template.templateId, parameterOverrides: { tenant: "acme" } }],
    });
    expect(execution.status).toBe("completed");

    // After a key rotation the sealed values still open.
    const next = secretKeyFrom("the-next-key-for-header-values-0123456789");
    await resealSecrets(database.db, keyRing(deps.env), next);
    const rotated = {
      ...deps,
      env: { ...deps.env, QUERYFLOW_SECRET_KEY: "the-next-key-for-header-values-0123456789" },
    };
    expect((await testCall(rotated)).rows).toEqual(items.slice(0, 2));
    await resealSecrets(database.db, keyRing(rotated.env), keyRing(deps.env)[0]!);

    // A hidden value with nothing stored behind it (a copy, a new template) must be given.
    await expect(save({ name: "Copy", kind: "http", definition: shown, outputs: [] })).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringContaining("Give the value of the header"),
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
