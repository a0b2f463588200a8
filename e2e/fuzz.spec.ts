import type { APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { apiAs, expect, test } from "./fixtures";

// Arbitrary JSON at every route that writes: whatever arrives, the answer is never a 5xx, and every
// 4xx is the one error envelope.
let client: APIRequestContext;
let routes: { method: "POST" | "PUT" | "PATCH"; path: string; takesBody: boolean }[];

test.beforeAll(async ({ baseURL }) => {
  client = await apiAs(baseURL!);
  const composition = await (
    await client.post("/api/compositions", {
      data: { name: "Fuzz target", nodes: [{ nodeId: "a", templateId: "echo" }] },
    })
  ).json();
  const schedule = await (
    await client.post("/api/schedules", {
      data: { compositionId: composition.id, cronExpression: "0 9 * * *", isActive: false },
    })
  ).json();
  const workflow = await (
    await client.post("/api/workflows", {
      data: { name: "Fuzz workflow", templateId: "echo", parameters: {} },
    })
  ).json();
  const { execution } = await (
    await client.post(`/api/compositions/${composition.id}/executions`, { data: {} })
  ).json();
  const { dataSource } = await (
    await client.post("/api/data-sources", { data: { name: "Fuzz source", kind: "duckdb" } })
  ).json();
  routes = [
    { method: "POST", path: "/api/compositions", takesBody: true },
    { method: "POST", path: "/api/compositions/validate", takesBody: true },
    { method: "POST", path: "/api/compositions/import", takesBody: true },
    { method: "PUT", path: `/api/compositions/${composition.id}`, takesBody: true },
    { method: "POST", path: `/api/compositions/${composition.id}/duplicate`, takesBody: true },
    { method: "POST", path: `/api/compositions/${composition.id}/executions`, takesBody: true },
    { method: "PUT", path: `/api/compositions/${composition.id}/favorite`, takesBody: false },
    { method: "POST", path: `/api/executions/${execution.id}/cancel`, takesBody: false },
    { method: "POST", path: `/api/executions/${execution.id}/retry`, takesBody: false },
    { method: "POST", path: "/api/schedules", takesBody: true },
    { method: "POST", path: "/api/schedules/preview", takesBody: true },
    { method: "PATCH", path: `/api/schedules/${schedule.id}`, takesBody: true },
    { method: "POST", path: "/api/workflows", takesBody: true },
    { method: "POST", path: `/api/workflows/${workflow.id}/executions`, takesBody: false },
    { method: "PATCH", path: `/api/workflows/${workflow.id}`, takesBody: true },
    { method: "POST", path: "/api/invites", takesBody: true },
    { method: "POST", path: "/api/data-sources", takesBody: true },
    { method: "PUT", path: `/api/data-sources/${dataSource.id}`, takesBody: true },
    { method: "POST", path: `/api/data-sources/${dataSource.id}/test`, takesBody: false },
    { method: "POST", path: "/api/templates", takesBody: true },
    { method: "POST", path: "/api/templates/describe", takesBody: true },
    { method: "POST", path: "/api/templates/preview", takesBody: true },
  ];
});
test.afterAll(() => client.dispose());

/** Any string, NUL bytes and lone surrogates included. */
const anyString = fc.string({ unit: "binary", maxLength: 40 });
const anyJson = fc.jsonValue({ maxDepth: 4 });
/** Objects shaped like the API's bodies: their field names, with values of any type. */
const fieldNames = [
  "name",
  "compositionId",
  "nodes",
  "connections",
  "globalParameters",
  "parameters",
  "cronExpression",
  "timezone",
  "isActive",
  "version",
  "templateId",
  "nodeId",
  "config",
  "parameterOverrides",
  "note",
  "conditionExpression",
  "isConditional",
  "sourceNodeId",
  "targetNodeId",
  "fieldMappings",
  "count",
];
const shapedBody = fc.dictionary(
  fc.constantFrom(...fieldNames),
  fc.oneof(anyJson, anyString, fc.array(anyJson)),
  {
    maxKeys: 6,
  },
);
const body = fc.oneof(
  anyJson,
  shapedBody,
  anyString.map((text) => ({ name: text })),
);

test.describe("every POST, PUT and PATCH route", () => {
  test("answers arbitrary JSON with a 2xx or a 4xx in the error envelope, never a 5xx", async () => {
    test.setTimeout(300_000);
    let requests = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(), body, async (pick, data) => {
        const route = routes[pick % routes.length]!;
        const response = await client.fetch(route.path, {
          method: route.method,
          headers: { "content-type": "application/json" },
          data: JSON.stringify(data),
        });
        requests++;
        const status = response.status();
        expect(status, `${route.method} ${route.path} ${JSON.stringify(data)}`).toBeLessThan(500);
        if (status >= 400) {
          const envelope = await response.json();
          expect(envelope.error, `${route.method} ${route.path}`).toMatchObject({
            code: expect.any(String),
            message: expect.any(String),
          });
        }
      }),
      { numRuns: 3_000 },
    );
    expect(requests).toBe(3_000);
  });
});

test.describe("strings PostgreSQL cannot store", () => {
  test("a NUL byte or a lone surrogate is a 400 naming the field on every route that takes a body", async () => {
    for (const route of routes.filter((candidate) => candidate.takesBody)) {
      for (const [raw, what] of [
        ['{"name":"a\\u0000b"}', "NUL"],
        ['{"name":"\\ud800"}', "lone surrogate"],
      ] as const) {
        const response = await client.fetch(route.path, {
          method: route.method,
          headers: { "content-type": "application/json" },
          data: raw,
        });
        expect(response.status(), `${route.method} ${route.path} with a ${what}`).toBe(400);
        expect((await response.json()).error.message).toBe(
          "Invalid request. name: contains a NUL character or a lone UTF-16 surrogate, which cannot be stored.",
        );
      }
    }
  });
});
