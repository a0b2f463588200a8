import { randomUUID } from "node:crypto";
import { type APIRequestContext, request } from "@playwright/test";
import { demoComposition } from "../lib/compositions/demo-document";
import { expect, newPerson, test } from "./fixtures";
import { openApiClient } from "./openapi-client";

// The main journeys driven only through the API description: every call is found by its
// operationId and every answer (errors included) is validated against the document.

let context: APIRequestContext;
let call: Awaited<ReturnType<typeof openApiClient>>;

test.beforeAll(async ({ baseURL }) => {
  context = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  call = await openApiClient(context);
});
test.afterAll(async () => {
  await context.dispose();
});

test("sign up, build, validate, run, poll, read results, schedule and sign out, as the document says", async () => {
  test.setTimeout(90_000);
  const person = newPerson("openapi");
  expect((await call("postAuthSignUpEmail", { body: person })).status).toBe(200);
  const { body: templates } = await call("getTemplates");
  expect(templates.templates.map((t: { templateId: string }) => t.templateId)).toContain("top_campaigns");

  // Create, validate and edit a composition.
  const document = {
    ...demoComposition,
    compositionId: undefined,
    name: `Journey ${randomUUID().slice(0, 8)}`,
  };
  const validated = await call("postCompositionsValidate", { body: document });
  expect(validated.body.issues).toEqual([]);
  const created = await call("postCompositions", { body: document });
  expect(created.status).toBe(201);
  const id: string = created.body.id;
  const renamed = await call("putCompositionsByid", {
    path: { id },
    body: { ...document, name: `${document.name} (edited)`, version: created.body.version },
  });
  expect(renamed.body.version).toBe(created.body.version + 1);
  const listed = await call("getCompositions", { query: { q: document.name, visibility: "mine" } });
  expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([id]);

  // Run it, poll it to the end, read a node's results, its CSV and the logs.
  const started = await call("postCompositionsByidExecutions", {
    path: { id },
    body: { parameters: { start_date: "2025-02-01" } },
  });
  expect(started.status).toBe(202);
  const executionId: string = started.body.execution.id;
  await expect
    .poll(async () => (await call("getExecutionsByexecutionId", { path: { executionId } })).body.status, {
      timeout: 30_000,
    })
    .toBe("completed");
  const page = await call("getExecutionsByexecutionIdNodesBynodeIdResult", {
    path: { executionId, nodeId: "daily_performance" },
    query: { offset: "0", limit: "5", sort: "spend", order: "desc" },
  });
  expect(page.body.rows).toHaveLength(5);
  expect(page.body.rowCount).toBeGreaterThan(5);
  const csv = await call("getExecutionsByexecutionIdNodesBynodeIdResultCsv", {
    path: { executionId, nodeId: "daily_performance" },
  });
  expect(csv.body.split("\r\n")[0]).toBe("metric_date,impressions,clicks,ctr,spend,cpc");
  const logs = await call("getExecutionsByexecutionIdLogs", { path: { executionId } });
  expect(logs.body.lines.at(-1).message).toBe("Run completed");
  const runs = await call("getCompositionsByidExecutions", { path: { id } });
  expect(runs.body.items.map((run: { id: string }) => run.id)).toEqual([executionId]);

  // Put it on a schedule, change the schedule, remove it.
  const preview = await call("postSchedulesPreview", {
    body: { cronExpression: "0 9 * * 1-5", timezone: "Europe/Berlin" },
  });
  expect(preview.body.nextRuns).toHaveLength(5);
  const schedule = await call("postSchedules", {
    body: { compositionId: created.body.compositionId, cronExpression: "0 9 * * 1-5" },
  });
  expect(schedule.status).toBe(201);
  const paused = await call("patchSchedulesByid", {
    path: { id: schedule.body.id },
    body: { isActive: false },
  });
  expect(paused.body.isActive).toBe(false);
  expect((await call("deleteSchedulesByid", { path: { id: schedule.body.id } })).status).toBe(204);

  // Errors answer the described envelope too.
  expect((await call("getCompositionsByid", { path: { id: randomUUID() } })).status).toBe(404);
  const refused = await call("postCompositions", { body: { name: "" } });
  expect(refused.status).toBe(400);
  expect(refused.body.error.code).toBe("bad_request");

  expect((await call("postAuthSignOut", { body: {} })).status).toBe(200);
  expect((await call("getCompositions")).status).toBe(401);
});

test("a standalone workflow: made, run and read through the document", async () => {
  expect((await call("postAuthSignUpEmail", { body: newPerson("openapi") })).status).toBe(200);
  const workflow = await call("postWorkflows", {
    body: { name: "Top 3", templateId: "top_campaigns", parameters: { limit: 3 } },
  });
  expect(workflow.status).toBe(201);
  const started = await call("postWorkflowsByidExecutions", { path: { id: workflow.body.id } });
  expect(started.status).toBe(202);
  await expect
    .poll(
      async () =>
        (await call("getWorkflowsByidExecutions", { path: { id: workflow.body.id } })).body.items[0].status,
      { timeout: 30_000 },
    )
    .toBe("completed");
  const result = await call("getWorkflowsByidExecutionsByrunIdResult", {
    path: { id: workflow.body.id, runId: started.body.execution.id },
  });
  expect(result.body.rows).toHaveLength(3);
  expect(call.checked).toContain("getWorkflowsByidExecutionsByrunIdResult 200");
});

test("a token, a webhook, a notification rule and a backfill, as the document says", async ({ baseURL }) => {
  expect((await call("postAuthSignUpEmail", { body: newPerson("openapi") })).status).toBe(200);
  const composition = await call("postCompositions", {
    body: {
      name: `Hooked ${randomUUID().slice(0, 8)}`,
      globalParameters: { message: "hi" },
      nodes: [{ nodeId: "say", templateId: "echo" }],
    },
  });
  const id: string = composition.body.id;

  // A run token: the document's bearer scheme, answers checked like any other.
  const token = await call("postTokens", { body: { name: "script", scopes: ["run"] } });
  expect(token.status).toBe(201);
  expect((await call("getTokens")).body.tokens).toHaveLength(1);
  const script = await request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${token.body.secret}` },
  });
  try {
    const asScript = await openApiClient(script);
    expect((await asScript("postCompositionsByidExecutions", { path: { id } })).status).toBe(202);
    expect((await asScript("postTokens", { body: { name: "more", scopes: ["read"] } })).status).toBe(403);
    expect((await asScript("postCompositions", { body: { name: "Nope" } })).status).toBe(403);
  } finally {
    await script.dispose();
  }
  expect((await call("deleteTokensByid", { path: { id: token.body.token.id } })).status).toBe(204);

  const trigger = await call("postCompositionsByidTriggers", { path: { id }, body: { kind: "webhook" } });
  expect(trigger.status).toBe(201);
  const hookId = trigger.body.trigger.url.split("/api/hooks/")[1];
  expect((await call("postHooksByhookId", { path: { hookId }, body: { message: "hooked" } })).status).toBe(
    202,
  );
  expect((await call("postHooksByhookId", { path: { hookId }, body: { message: 1 } })).status).toBe(400);
  expect((await call("getCompositionsByidTriggers", { path: { id } })).body.triggers).toHaveLength(1);
  expect(
    (await call("patchTriggersByid", { path: { id: trigger.body.trigger.id }, body: { enabled: false } }))
      .status,
  ).toBe(200);
  expect((await call("postHooksByhookId", { path: { hookId }, body: {} })).status).toBe(404);

  const rule = await call("postNotificationsRules", {
    body: { compositionId: id, events: ["success"], channel: { type: "in_app" } },
  });
  expect(rule.status).toBe(201);
  expect((await call("getNotificationsRules", { query: { compositionId: id } })).body.rules).toHaveLength(1);
  expect((await call("getNotifications")).status).toBe(200);
  expect((await call("postNotificationsRead", { body: {} })).status).toBe(200);

  const schedule = await call("postSchedules", {
    body: { compositionId: id, cronExpression: "0 0 * * *", isActive: false },
  });
  const backfill = await call("postSchedulesByidBackfills", {
    path: { id: schedule.body.id },
    body: { from: "2026-11-01T00:00:00Z", to: "2026-11-03T00:00:00Z", concurrency: 2 },
  });
  expect(backfill.status).toBe(201);
  expect(backfill.body.backfill.progress.total).toBe(3);
  await expect
    .poll(
      async () =>
        (await call("getBackfillsByid", { path: { id: backfill.body.backfill.id } })).body.backfill.status,
      {
        timeout: 30_000,
      },
    )
    .toBe("completed");
  expect((await call("deleteBackfillsByid", { path: { id: backfill.body.backfill.id } })).status).toBe(409);
});
