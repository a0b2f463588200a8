import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/user";
import { demoComposition } from "@/lib/compositions/demo-document";
import { compositionDocumentSchema } from "@/lib/compositions/schema";
import { createComposition } from "@/lib/compositions/service";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { addTemplate, makeUser, resultRows, runToEnd, startTestWorker } from "@/lib/testing/engine";
import type { RunningWorker } from "@/lib/worker/worker";
import { startRun } from "./start-run";

let database: TestDatabase;
let worker: RunningWorker;
let user: SessionUser;
const workerEnv = { SQL_MAX_ROWS: "200", RESULT_MAX_JSON_BYTES: "100000", HTTP_ALLOWLIST: "127.0.0.1" };
/** Answers every call with 503, as a server that is down for a moment does. */
let unavailable: Server;

beforeAll(async () => {
  database = await createTestDatabase();
  unavailable = createServer((_, response) => response.writeHead(503).end("down for maintenance"));
  await new Promise<void>((resolve) => unavailable.listen(0, "127.0.0.1", resolve));
  worker = await startTestWorker(database, workerEnv);
  user = await makeUser(database, "runner");
  await addTemplate(database, {
    templateId: "always_fails",
    kind: "transform",
    definition: { expression: '$error("boom")' },
    outputs: [{ name: "value", type: "json" }],
  });
  await addTemplate(database, {
    templateId: "unavailable",
    kind: "http",
    definition: {
      method: "GET",
      url: `http://127.0.0.1:${(unavailable.address() as AddressInfo).port}/`,
      rows: "body",
    },
    outputs: [{ name: "value", type: "json" }],
  });
  await addTemplate(database, {
    templateId: "runaway",
    kind: "transform",
    definition: { expression: "($f := function(){ $f() }; $f())" },
    outputs: [{ name: "value", type: "json" }],
  });
});
afterAll(async () => {
  await worker.stop();
  await database.drop();
  unavailable.close();
});

const echo = (nodeId: string, extra: object = {}) => ({ nodeId, templateId: "echo", ...extra });
const edge = (source: string, target: string, extra: object = {}) => ({
  connectionId: `${source}_${target}`,
  sourceNodeId: source,
  targetNodeId: target,
  ...extra,
});

describe("running the demo composition", () => {
  it("completes every node, and the summary adds up to what the warehouse says", async () => {
    const { execution, nodes } = await runToEnd(database, user, {
      ...demoComposition,
      compositionId: undefined,
    });
    expect(execution).toMatchObject({
      status: "completed",
      completedNodes: 4,
      failedNodes: 0,
      totalNodes: 4,
    });
    const [expected] = await database.sql<{ spend: number; revenue: number }>(
      `WITH top AS (
         SELECT c.campaign_id FROM warehouse.campaigns c
         LEFT JOIN (SELECT campaign_id, sum(revenue) r FROM warehouse.conversions
                    WHERE conversion_date BETWEEN '2025-01-01' AND '2025-03-31' GROUP BY 1) x USING (campaign_id)
         ORDER BY coalesce(x.r, 0) DESC, c.campaign_id LIMIT 10)
       SELECT (SELECT sum(spend)::float FROM warehouse.daily_metrics WHERE campaign_id IN (SELECT * FROM top)
                 AND metric_date BETWEEN '2025-01-01' AND '2025-03-31') AS spend,
              (SELECT sum(revenue)::float FROM warehouse.conversions WHERE campaign_id IN (SELECT * FROM top)
                 AND conversion_date BETWEEN '2025-01-01' AND '2025-03-31') AS revenue`,
    );
    const summary = nodes.summary!.output as { total_spend: number; total_revenue: number; roas: number };
    expect(summary.total_spend).toBeCloseTo(expected!.spend, 2);
    expect(summary.total_revenue).toBeCloseTo(expected!.revenue, 2);
    expect(summary.roas).toBeCloseTo(expected!.revenue / expected!.spend, 2);
    expect(nodes.daily_performance!.inputSources).toMatchObject({
      campaign_ids: { source: "mapping", from: "top_campaigns.campaign_id (collect)" },
      start_date: { source: "global" },
    });
    expect(nodes.top_campaigns!.inputSources).toMatchObject({ limit: { source: "override" } });
    const rows = await resultRows(database, nodes.top_campaigns!, 0, 100);
    expect(rows).toHaveLength(10);
    expect(nodes.top_campaigns!.resultMetadata).toMatchObject({
      type: "table",
      rowCount: 10,
      truncated: false,
    });
  });
});

describe("scheduling nodes", () => {
  it("runs the nodes of one level at the same time", async () => {
    const branches = ["a", "b", "c"];
    const { execution, nodes } = await runToEnd(database, user, {
      name: "Parallel delays",
      nodes: [
        echo("root"),
        ...branches.map((id) => ({
          nodeId: id,
          templateId: "delay",
          parameterOverrides: { milliseconds: 400 },
        })),
      ],
      connections: branches.map((id) => edge("root", id)),
    });
    expect(execution.status).toBe("completed");
    const spans = branches.map(
      (id) => [nodes[id]!.startedAt!.getTime(), nodes[id]!.finishedAt!.getTime()] as const,
    );
    const latestStart = Math.max(...spans.map(([start]) => start));
    const earliestEnd = Math.min(...spans.map(([, end]) => end));
    expect(latestStart).toBeLessThan(earliestEnd);
  });

  it("enqueues the target of a 50-branch fan-in exactly once", async () => {
    const branches = Array.from({ length: 50 }, (_, i) => `b${i}`);
    const { execution, nodes } = await runToEnd(database, user, {
      name: "Fan-in",
      nodes: [echo("root"), ...branches.map((id) => echo(id)), echo("target")],
      connections: [...branches.map((id) => edge("root", id)), ...branches.map((id) => edge(id, "target"))],
    });
    expect(execution).toMatchObject({ status: "completed", completedNodes: 52 });
    expect(nodes.target!.attempt).toBe(1);
    const starts = await database.db.executionLog.count({
      where: { workflowExecutionId: nodes.target!.id, message: { startsWith: "Attempt" } },
    });
    expect(starts).toBe(1);
  });
});

describe("failures", () => {
  it("retries what may pass (a 503) with exponential backoff, then fails and skips what requires it", async () => {
    const { execution, nodes } = await runToEnd(database, user, {
      name: "Retries",
      nodes: [
        { nodeId: "flaky", templateId: "unavailable", config: { maxRetries: 2 } },
        echo("after"),
        echo("optional_after"),
      ],
      connections: [edge("flaky", "after"), edge("flaky", "optional_after", { isRequired: false })],
    });
    expect(execution.status).toBe("failed");
    expect(execution.error).toMatch(/Node "flaky" failed: The server answered 503: down for maintenance/);
    expect(nodes.flaky).toMatchObject({ status: "failed", attempt: 3, maxRetries: 2 });
    expect(nodes.after).toMatchObject({
      status: "skipped",
      error: expect.stringMatching(/required upstream node "flaky" failed/),
    });
    expect(nodes.optional_after!.status).toBe("completed");
    const failures = await database.db.executionLog.findMany({
      where: { workflowExecutionId: nodes.flaky!.id, message: { contains: "failed" } },
      orderBy: { id: "asc" },
    });
    expect(failures.map((line) => line.level)).toEqual(["warn", "warn", "error"]);
    const attempts = await database.db.executionLog.findMany({
      where: { workflowExecutionId: nodes.flaky!.id, message: { endsWith: "started" } },
      orderBy: { id: "asc" },
    });
    expect(attempts).toHaveLength(3);
    // RETRY_BASE_DELAY_MS is 50 here: the second attempt waits ≥ 50 ms after the first failed, the third ≥ 100 ms.
    const gaps = [1, 2].map((i) => attempts[i]!.createdAt.getTime() - failures[i - 1]!.createdAt.getTime());
    expect(gaps[0]).toBeGreaterThanOrEqual(50);
    expect(gaps[1]).toBeGreaterThanOrEqual(100);
  });

  it("fails at once on an error that would recur, whatever its retries", async () => {
    for (const [templateId, sql] of [
      ["divides_by_zero", "SELECT 1 / (count(*) - count(*)) AS x FROM warehouse.campaigns"],
      ["unknown_column", "SELECT no_such_column FROM warehouse.campaigns"],
    ])
      await addTemplate(database, { templateId: templateId!, kind: "sql", definition: { sql } });
    const { nodes } = await runToEnd(database, user, {
      name: "No retry",
      nodes: ["always_fails", "divides_by_zero", "unknown_column"].map((templateId) => ({
        nodeId: templateId,
        templateId,
        config: { maxRetries: 3 },
      })),
    });
    for (const [nodeId, error] of [
      ["always_fails", "boom"],
      ["divides_by_zero", "division by zero"],
      ["unknown_column", "no_such_column"],
    ])
      expect(nodes[nodeId!], nodeId).toMatchObject({
        status: "failed",
        attempt: 1,
        error: expect.stringContaining(error!),
      });
  });

  it("fails a node that runs past its timeout", async () => {
    const { nodes } = await runToEnd(database, user, {
      name: "Timeout",
      nodes: [
        {
          nodeId: "slow",
          templateId: "delay",
          parameterOverrides: { milliseconds: 10_000 },
          config: { timeoutMs: 300, maxRetries: 0 },
        },
      ],
    });
    expect(nodes.slow).toMatchObject({ status: "failed", error: "Timed out after 300 ms." });
    expect(nodes.slow!.durationMs).toBeLessThan(5_000);
  });

  it("skips a node whose condition is false, and what requires it, but runs what only optionally depends on it", async () => {
    const { execution, nodes } = await runToEnd(database, user, {
      name: "Condition",
      nodes: [
        echo("source", { parameterOverrides: { message: "no" } }),
        echo("gated", { isConditional: true, conditionExpression: 'source.message = "yes"' }),
        echo("requires_gated"),
        echo("optional_on_gated"),
      ],
      connections: [
        edge("source", "gated"),
        edge("gated", "requires_gated"),
        edge("gated", "optional_on_gated", { isRequired: false, fieldMappings: { message: "message" } }),
      ],
    });
    expect(execution.status).toBe("completed");
    expect(nodes.gated!.status).toBe("skipped");
    expect(nodes.requires_gated!.status).toBe("skipped");
    expect(nodes.optional_on_gated!.status).toBe("completed");
    expect(nodes.optional_on_gated!.inputSources).toMatchObject({ message: { source: "default" } });
  });
});

describe("user-written expressions", () => {
  /** Runs a composition while timing the event loop: the longest gap between 50-ms ticks. */
  async function runTimingTheEventLoop(document: Parameters<typeof runToEnd>[2]) {
    let longestGap = 0;
    let last = Date.now();
    const ticker = setInterval(() => {
      longestGap = Math.max(longestGap, Date.now() - last);
      last = Date.now();
    }, 50);
    try {
      return { ...(await runToEnd(database, user, document)), longestGap };
    } finally {
      clearInterval(ticker);
    }
  }

  it("fail a runaway transform after 5 s without blocking the process, and skip what requires it", async () => {
    const { execution, nodes, longestGap } = await runTimingTheEventLoop({
      name: "Runaway transform",
      nodes: [{ nodeId: "loop", templateId: "runaway", config: { maxRetries: 0 } }, echo("after")],
      connections: [edge("loop", "after")],
    });
    expect(execution.status).toBe("failed");
    expect(nodes.loop).toMatchObject({ status: "failed", error: "The expression ran longer than 5 s." });
    expect(nodes.after!.status).toBe("skipped");
    expect(longestGap).toBeLessThan(1_000);

    // A restarted worker does not pick it up again: the failure is final.
    await worker.stop();
    worker = await startTestWorker(database, workerEnv);
    // Once the new worker has run a composition to the end, it has seen whatever was queued before it.
    await runToEnd(database, user, { name: "After the restart", nodes: [echo("ping")] });
    const again = await database.db.workflowExecution.findUniqueOrThrow({ where: { id: nodes.loop!.id } });
    expect(again).toMatchObject({ status: "failed", attempt: 1 });
  }, 30_000);

  it("fail a node whose JSON result is larger than RESULT_MAX_JSON_BYTES", async () => {
    const { nodes } = await runToEnd(database, user, {
      name: "Huge result",
      nodes: [
        {
          nodeId: "big",
          templateId: "jsonata_transform",
          config: { maxRetries: 0 },
          parameterOverrides: { input: {}, expression: "[1..50000]" },
        },
      ],
    });
    expect(nodes.big).toMatchObject({
      status: "failed",
      error: "The result is 0.3 MB of JSON; a JSON result may be at most 0.1 MB.",
      output: null,
    });
  });

  it("fail a runaway condition the same way", async () => {
    const { nodes, longestGap } = await runTimingTheEventLoop({
      name: "Runaway condition",
      nodes: [
        echo("source"),
        echo("gated", {
          isConditional: true,
          conditionExpression: "($f := function(){ $f() }; $f(source))",
          config: { maxRetries: 0 },
        }),
      ],
      connections: [edge("source", "gated")],
    });
    expect(nodes.gated).toMatchObject({ status: "failed", error: "The expression ran longer than 5 s." });
    expect(longestGap).toBeLessThan(1_000);
  }, 30_000);
});

describe("SQL templates", () => {
  it("log in as the warehouse reader itself, which cannot read the app's tables or its secrets", async () => {
    await addTemplate(database, {
      templateId: "who_am_i",
      kind: "sql",
      definition: {
        sql: "SELECT session_user::text AS login, current_setting('transaction_read_only') AS ro",
      },
    });
    await addTemplate(database, {
      templateId: "read_secrets",
      kind: "sql",
      definition: { sql: "SELECT * FROM public.app_secrets" },
    });
    await addTemplate(database, {
      templateId: "read_users",
      kind: "sql",
      definition: { sql: "SELECT email FROM public.users" },
    });
    const { nodes } = await runToEnd(database, user, {
      name: "Reader",
      nodes: [
        { nodeId: "who", templateId: "who_am_i" },
        { nodeId: "secrets", templateId: "read_secrets", config: { maxRetries: 0 } },
        { nodeId: "users", templateId: "read_users", config: { maxRetries: 0 } },
      ],
    });
    expect(await resultRows(database, nodes.who!, 0, 1)).toEqual([
      { login: "queryflow_warehouse_reader", ro: "on" },
    ]);
    expect(nodes.secrets!.error).toMatch(/permission denied for table app_secrets/);
    expect(nodes.users!.error).toMatch(/permission denied for table users/);
  });

  it("treat hostile parameter strings as data", async () => {
    const hostile = "Kitchen' OR '1'='1'; DROP TABLE warehouse.campaigns; --";
    const { nodes } = await runToEnd(database, user, {
      name: "Injection",
      nodes: [
        { nodeId: "products", templateId: "product_catalog", parameterOverrides: { category: hostile } },
      ],
    });
    expect(nodes.products).toMatchObject({
      status: "completed",
      resultMetadata: expect.objectContaining({ rowCount: 0 }),
    });
    expect(nodes.products!.input).toMatchObject({ category: hostile });
    expect(await database.sql("SELECT count(*)::int AS n FROM warehouse.campaigns")).toEqual([{ n: 60 }]);
  });

  it.each([
    [
      "read a table outside the warehouse",
      "SELECT id, email FROM public.users",
      /permission denied for table users/,
    ],
    [
      "read the job queue",
      "SELECT * FROM graphile_worker._private_jobs",
      /permission denied for schema graphile_worker/,
    ],
    ["write, even through a function", "SELECT lo_create(0) AS oid", /read-only transaction/],
    [
      "modify data in a CTE",
      "WITH gone AS (DELETE FROM warehouse.campaigns RETURNING *) SELECT * FROM gone",
      /uses a DELETE: QueryFlow runs only reads/,
    ],
  ])("may not %s", async (name, sql, error) => {
    const templateId = `sql_${name.toLowerCase().replace(/\W+/g, "_")}`;
    await addTemplate(database, { templateId, kind: "sql", definition: { sql } });
    const { nodes } = await runToEnd(database, user, {
      name,
      nodes: [{ nodeId: "q", templateId, config: { maxRetries: 0 } }],
    });
    expect(nodes.q!.status).toBe("failed");
    expect(nodes.q!.error).toMatch(error);
    expect(await database.sql("SELECT count(*)::int AS n FROM warehouse.campaigns")).toEqual([{ n: 60 }]);
  });

  it("caps the rows and says the result is truncated; pages read across chunk boundaries", async () => {
    const { nodes } = await runToEnd(database, user, {
      name: "Truncated",
      nodes: [{ nodeId: "products", templateId: "product_catalog" }],
    });
    expect(nodes.products!.resultMetadata).toMatchObject({ rowCount: 200, truncated: true });
    const all = await database.sql<{ asin: string }>(
      "SELECT asin FROM warehouse.products ORDER BY asin LIMIT 200",
    );
    const page = await resultRows(database, nodes.products!, 190, 50);
    expect(page.map((row) => row.asin)).toEqual(all.slice(190).map((row) => row.asin));
    expect(await resultRows(database, nodes.products!, 500, 10)).toEqual([]);
  });
});

describe("parameter values", () => {
  const runParameters = {
    name: "Run parameters",
    globalParameters: { msg: "hi", limit: 5 },
    nodes: [
      echo("whole", { parameterOverrides: { message: "{{global.msg}}" } }),
      echo("inside", { parameterOverrides: { message: "say {{global.msg}}!" } }),
      echo("stored", { parameterOverrides: { value: "{{global.limit}}" } }),
    ],
  };

  it("a run parameter is its global's value everywhere, {{global.x}} references included", async () => {
    const { nodes } = await runToEnd(database, user, runParameters, { msg: "from-run" });
    expect(nodes.whole!.input).toMatchObject({ message: "from-run" });
    expect(nodes.inside!.input).toMatchObject({ message: "say from-run!" });
    // A global the run does not set keeps its stored value.
    expect(nodes.stored!.input).toMatchObject({ value: 5 });
  });

  it("a global with no value falls through to the template default", async () => {
    const { nodes } = await runToEnd(database, user, {
      name: "Empty global",
      globalParameters: { message: null },
      nodes: [echo("greets")],
    });
    expect(nodes.greets!.input).toMatchObject({ message: "hello" });
    expect(nodes.greets!.inputSources).toMatchObject({ message: { source: "default" } });
  });

  it("a run parameter is typed by every place it feeds, and nothing starts when one does not fit", async () => {
    const composition = await createComposition(
      database.db,
      user,
      compositionDocumentSchema.parse({ ...runParameters, name: "Typed run parameters" }),
    );
    const start = (parameters: Record<string, unknown>) =>
      startRun(database.db, user, composition.id, { parameters, trigger: "api" });
    await expect(start({ msg: { not: "a string" } })).rejects.toMatchObject({
      code: "bad_request",
      issues: expect.arrayContaining([
        expect.objectContaining({
          nodeId: "whole",
          param: "message",
          message: expect.stringContaining('"msg" must be'),
        }),
        expect.objectContaining({
          nodeId: "inside",
          param: "message",
          message: expect.stringContaining("written into"),
        }),
      ]),
    });
    expect(await database.db.compositionExecution.count({ where: { compositionId: composition.id } })).toBe(
      0,
    );
  });

  it("a required parameter its upstream gave no value fails the node, naming the upstream; an optional one says so", async () => {
    await addTemplate(database, {
      templateId: "no_rows",
      kind: "sql",
      definition: { sql: "SELECT 1 AS month WHERE false" },
      outputs: [{ name: "month", type: "integer" }],
    });
    await addTemplate(database, {
      templateId: "needs_month",
      kind: "echo",
      definition: {},
      parameters: [
        { name: "month", type: "integer", required: true },
        { name: "value", type: "json", required: false },
      ],
      outputs: [{ name: "month", type: "integer" }],
    });
    const { execution, nodes } = await runToEnd(database, user, {
      name: "Fed nothing",
      nodes: [
        // The user's label names the node in messages; its id stays the reference.
        { nodeId: "rainiest", templateId: "no_rows", label: "Rainiest month" },
        { nodeId: "report", templateId: "needs_month", config: { maxRetries: 3 } },
        echo("optional"),
      ],
      connections: [
        edge("rainiest", "report", {
          fieldMappings: { month: "month" },
          transformationRules: { month: "first" },
        }),
        edge("rainiest", "optional", {
          fieldMappings: { value: "month" },
          transformationRules: { value: "collect" },
        }),
      ],
    });
    expect(execution.status).toBe("failed");
    expect(nodes.report).toMatchObject({
      status: "failed",
      attempt: 1,
      error: '"Rainiest month" returned no rows, so `month` has no value.',
    });
    expect(nodes.optional).toMatchObject({ status: "completed" });
    expect(nodes.optional!.inputSources).toMatchObject({
      value: {
        source: "mapping",
        from: expect.stringContaining('"Rainiest month" returned no rows: runs without a value'),
      },
    });
  });
});
