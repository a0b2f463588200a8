import type { APIRequestContext } from "@playwright/test";
import { demoComposition } from "../lib/compositions/demo-document";
import { compositionPageSchema, compositionResponseSchema } from "../lib/compositions/responses";
import { adminApi, apiAs, expect, test } from "./fixtures";

const document = (name: string, isPublic: boolean) => ({
  ...demoComposition,
  compositionId: undefined,
  name,
  isPublic,
});

let owner: APIRequestContext;
let other: APIRequestContext;
let admin: APIRequestContext;
let anonymous: APIRequestContext;

test.beforeAll(async ({ baseURL, playwright }) => {
  owner = await apiAs(baseURL!);
  other = await apiAs(baseURL!);
  admin = await adminApi(baseURL!);
  anonymous = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
});
test.afterAll(async () => {
  for (const context of [owner, other, admin, anonymous]) await context.dispose();
});

async function create(
  name: string,
  isPublic: boolean,
): Promise<{ id: string; compositionId: string; version: number }> {
  const response = await owner.post("/api/compositions", { data: document(name, isPublic) });
  expect(response.status()).toBe(201);
  return response.json();
}

type Verb = "get" | "put" | "delete" | "duplicate" | "favorite" | "unfavorite" | "export" | "versions";
const verbs: Verb[] = ["get", "put", "delete", "duplicate", "favorite", "unfavorite", "export", "versions"];

function call(client: APIRequestContext, verb: Verb, target: { id: string; version: number }, name: string) {
  const path = `/api/compositions/${target.id}`;
  switch (verb) {
    case "get":
      return client.get(path);
    case "put":
      return client.put(path, { data: { ...document(`${name} edited`, false), version: target.version } });
    case "delete":
      return client.delete(path);
    case "duplicate":
      return client.post(`${path}/duplicate`);
    case "favorite":
      return client.put(`${path}/favorite`);
    case "unfavorite":
      return client.delete(`${path}/favorite`);
    case "export":
      return client.get(`${path}/export`);
    case "versions":
      return client.get(`${path}/versions`);
  }
}

const success: Record<Verb, number> = {
  get: 200,
  put: 200,
  delete: 204,
  duplicate: 201,
  favorite: 200,
  unfavorite: 200,
  export: 200,
  versions: 200,
};

function expected(actor: string, visibility: string, verb: Verb): number {
  if (actor === "anonymous") return 401;
  if (actor === "owner" || actor === "admin") return success[verb];
  if (visibility === "private") return 404;
  return verb === "put" || verb === "delete" ? 403 : success[verb];
}

test.describe("composition permissions over HTTP", () => {
  for (const actor of ["owner", "other", "admin", "anonymous"]) {
    for (const visibility of ["private", "public"]) {
      test(`${actor} × ${visibility} composition`, async () => {
        const client = { owner, other, admin, anonymous }[actor]!;
        for (const verb of verbs) {
          const target = await create(`${actor} ${visibility} ${verb}`, visibility === "public");
          const response = await call(client, verb, target, `${actor} ${visibility} ${verb}`);
          expect(response.status(), `${actor} ${verb} ${visibility}`).toBe(expected(actor, visibility, verb));
          if (response.status() >= 400) {
            expect((await response.json()).error, `${actor} ${verb} ${visibility}`).toEqual(
              expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
            );
          }
        }
      });
    }
  }
});

test.describe("POST /api/compositions", () => {
  test("creates a composition that GET returns in the documented shape", async () => {
    const created = await create("Documented shape", false);
    const response = await owner.get(`/api/compositions/${created.compositionId}`);
    expect(response.status()).toBe(200);
    expect(compositionResponseSchema.safeParse(await response.json()).success).toBe(true);
    const list = await owner.get("/api/compositions?visibility=mine&q=documented");
    const page = compositionPageSchema.parse(await list.json());
    expect(page.items.map((item) => item.compositionId)).toEqual([created.compositionId]);
  });

  // Raw strings are sent as they are: the 10,000-deep document would overflow the client's own JSON.stringify.
  const raw = (data: string) => ({
    data: Buffer.from(data),
    headers: { "content-type": "application/json" },
  });
  const cases: [string, () => { data?: unknown; headers?: Record<string, string> }, number, RegExp][] = [
    ["a body that is not JSON", () => raw("name=hello"), 400, /not valid JSON/],
    ["an empty body", () => raw(""), 400, /body is empty/],
    ["a missing name", () => ({ data: { nodes: [] } }), 400, /name/],
    ["a name of the wrong type", () => ({ data: { name: 5 } }), 400, /name: /],
    ["nodes that are not a list", () => ({ data: { name: "x", nodes: "many" } }), 400, /nodes: /],
    ["a 1 MB name", () => ({ data: { name: "x".repeat(1_000_000) } }), 400, /name: .*200/],
    [
      "JSON nested 10,000 levels deep",
      () => raw(`{"name":"deep","globalParameters":{"x":${"[".repeat(10_000)}${"]".repeat(10_000)}}}`),
      400,
      /nested more than 64 levels/,
    ],
    [
      "5,001 nodes",
      () => ({
        data: {
          name: "big",
          nodes: Array.from({ length: 5001 }, (_, i) => ({ nodeId: `n${i}`, templateId: "echo" })),
        },
      }),
      400,
      /at most 5000 nodes/,
    ],
    [
      "20,001 connections",
      () => ({
        data: {
          name: "big",
          connections: Array.from({ length: 20_001 }, (_, i) => ({
            connectionId: `c${i}`,
            sourceNodeId: "a",
            targetNodeId: "b",
          })),
        },
      }),
      400,
      /at most 20000 connections/,
    ],
    [
      "a body over 16 MiB",
      () => ({ data: { name: "huge", description: "x".repeat(17 * 1024 * 1024) } }),
      413,
      /larger than 16 MiB/,
    ],
    [
      "an unknown template",
      () => ({ data: { name: "t", nodes: [{ nodeId: "a", templateId: "no_such" }] } }),
      400,
      /Template "no_such" does not exist/,
    ],
    [
      "a connection to a missing node",
      () => ({
        data: {
          name: "t",
          nodes: [{ nodeId: "a", templateId: "echo" }],
          connections: [{ connectionId: "c", sourceNodeId: "a", targetNodeId: "ghost" }],
        },
      }),
      400,
      /"ghost", which does not exist/,
    ],
  ];
  for (const [name, body, status, message] of cases) {
    test(`refuses ${name} with ${status} in the error envelope`, async () => {
      const response = await owner.post("/api/compositions", body());
      expect(response.status()).toBe(status);
      const { error } = await response.json();
      expect(error.message).toMatch(message);
    });
  }
});

test.describe("PUT /api/compositions/:id", () => {
  test("lets exactly one of two concurrent saves from the same version through; the other gets 409", async () => {
    const created = await create("Concurrent", false);
    const save = (name: string) =>
      owner.put(`/api/compositions/${created.id}`, {
        data: { ...document(name, false), version: created.version },
      });
    const responses = await Promise.all([save("Concurrent A"), save("Concurrent B")]);
    expect(responses.map((r) => r.status()).sort()).toEqual([200, 409]);
    const conflict = responses.find((r) => r.status() === 409)!;
    expect((await conflict.json()).error).toMatchObject({ code: "conflict", currentVersion: 2 });
  });

  test("without a version is refused with 400 naming it", async () => {
    const created = await create("No version", false);
    const response = await owner.put(`/api/compositions/${created.id}`, { data: document("x", false) });
    expect(response.status()).toBe(400);
    expect((await response.json()).error.message).toMatch(/version/);
  });
});

test.describe("POST /api/compositions/validate", () => {
  test("returns the findings and plan of a draft without saving it", async () => {
    const draft = {
      ...document("Draft", false),
      connections: [
        ...demoComposition.connections!,
        { connectionId: "loop", sourceNodeId: "summary", targetNodeId: "top_campaigns" },
      ],
    };
    const response = await owner.post("/api/compositions/validate", { data: draft });
    expect(response.status()).toBe(200);
    const { issues, plan } = await response.json();
    expect(issues).toContainEqual(
      expect.objectContaining({ code: "cycle", severity: "semantic", path: expect.any(Array) }),
    );
    expect(plan).toEqual({ levels: [] });
  });

  test("a mapping from a table's rows into one value must say how the rows combine", async () => {
    const draft = {
      name: "Unchosen rule",
      nodes: [
        {
          nodeId: "daily",
          templateId: "campaign_daily_performance",
          parameterOverrides: { campaign_ids: ["1"] },
        },
        { nodeId: "summary", templateId: "campaign_summary", parameterOverrides: { total_revenue: 1 } },
      ],
      connections: [
        {
          connectionId: "daily_to_summary",
          sourceNodeId: "daily",
          targetNodeId: "summary",
          fieldMappings: { total_spend: "spend" },
        },
      ],
    };
    const { issues } = await (await owner.post("/api/compositions/validate", { data: draft })).json();
    expect(issues).toEqual([
      expect.objectContaining({
        code: "rule_not_chosen",
        severity: "semantic",
        connectionId: "daily_to_summary",
        param: "total_spend",
        message: expect.stringMatching(/one value per row.*sum/),
      }),
    ]);
    const chosen = structuredClone(draft);
    Object.assign(chosen.connections[0]!, { transformationRules: { total_spend: "first" } });
    expect((await (await owner.post("/api/compositions/validate", { data: chosen })).json()).issues).toEqual(
      [],
    );

    const saved = await (await owner.post("/api/compositions", { data: draft })).json();
    const run = await owner.post(`/api/compositions/${saved.id}/executions`, { data: {} });
    expect(run.status()).toBe(422);
    expect(JSON.stringify(await run.json())).toContain("rule_not_chosen");
  });
});

test.describe("export and import", () => {
  test("an exported file imports as a new composition with a fresh id", async () => {
    const created = await create("Round trip file", false);
    const exported = await owner.get(`/api/compositions/${created.id}/export`);
    expect(exported.headers()["content-disposition"]).toContain(`${created.compositionId}.queryflow.json`);
    const imported = await other.post("/api/compositions/import", { data: await exported.json() });
    expect(imported.status()).toBe(201);
    const body = await imported.json();
    expect(body.renamedFrom).toBe(created.compositionId);
    expect(body.composition.compositionId).toBe(`${created.compositionId}_2`);
  });

  test("a file of another format is refused", async () => {
    const response = await owner.post("/api/compositions/import", {
      data: { format: "n8n.workflow", formatVersion: 1, composition: document("x", false) },
    });
    expect(response.status()).toBe(400);
    expect((await response.json()).error.message).toMatch(/format: must be "queryflow.composition"/);
  });
});

test.describe("GET /api/openapi.json", () => {
  test("describes every composition endpoint", async () => {
    const response = await anonymous.get("/api/openapi.json");
    expect(response.status()).toBe(200);
    const spec = await response.json();
    expect(spec.openapi).toBe("3.1.0");
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        "/api/compositions",
        "/api/compositions/{id}",
        "/api/compositions/validate",
        "/api/compositions/import",
        "/api/compositions/{id}/favorite",
        "/api/compositions/{id}/executions",
        "/api/executions/{executionId}",
        "/api/executions/{executionId}/nodes/{nodeId}/result",
      ]),
    );
    expect(spec.paths["/api/compositions/{id}"].put.responses).toHaveProperty("409");
  });
});
