import type { APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { apiAs, expect, test } from "./fixtures";

// Arbitrary JSON at every route that writes: whatever arrives, the answer is never a 5xx, and every
// 4xx is the one error envelope.
let client: APIRequestContext;
let routes: { method: "POST" | "PUT" | "PATCH"; path: string }[];

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
  routes = [
    { method: "POST", path: "/api/compositions" },
    { method: "POST", path: "/api/compositions/validate" },
    { method: "POST", path: "/api/compositions/import" },
    { method: "PUT", path: `/api/compositions/${composition.id}` },
    { method: "POST", path: `/api/compositions/${composition.id}/duplicate` },
    { method: "POST", path: `/api/compositions/${composition.id}/executions` },
    { method: "PUT", path: `/api/compositions/${composition.id}/favorite` },
    { method: "POST", path: `/api/executions/${execution.id}/cancel` },
    { method: "POST", path: `/api/executions/${execution.id}/retry` },
    { method: "POST", path: "/api/schedules" },
    { method: "POST", path: "/api/schedules/preview" },
    { method: "PATCH", path: `/api/schedules/${schedule.id}` },
    { method: "POST", path: "/api/workflows" },
    { method: "POST", path: `/api/workflows/${workflow.id}/executions` },
    { method: "POST", path: "/api/invites" },
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
