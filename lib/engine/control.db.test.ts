import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/user";
import { type CompositionDocumentInput, compositionDocumentSchema } from "@/lib/compositions/schema";
import { createComposition, deleteComposition } from "@/lib/compositions/service";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { addTemplate, makeUser, runToEnd, startTestWorker, waitForRun } from "@/lib/testing/engine";
import { until } from "@/lib/testing/until";
import type { RunningWorker } from "@/lib/worker/worker";
import { cancelExecution, retryExecution } from "./control";
import { startRun } from "./start-run";

let database: TestDatabase;
let user: SessionUser;
let worker: RunningWorker | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  user = await makeUser(database, "controller");
  await addTemplate(database, {
    templateId: "long_query",
    kind: "sql",
    definition: { sql: "SELECT pg_sleep(30) IS NULL AS slept" },
  });
  // Fails until the instant in its `after` parameter, then succeeds: a fault that goes away.
  await addTemplate(database, {
    templateId: "flips",
    kind: "transform",
    definition: { expression: '$millis() < after ? $error("not yet") : "fixed"' },
    parameters: [{ name: "after", type: "integer", required: true }],
  });
});
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});
afterAll(() => database.drop());

async function start(document: CompositionDocumentInput) {
  const composition = await createComposition(database.db, user, compositionDocumentSchema.parse(document));
  return startRun(database.db, user, composition.id, { parameters: {}, trigger: "manual" });
}

const nodeRow = (executionId: string, nodeId: string) =>
  database.db.workflowExecution.findFirstOrThrow({
    where: { compositionExecutionId: executionId, compositionNodeId: nodeId },
  });

describe("cancel", () => {
  it("stops a running delay and cancels what has not started", async () => {
    worker = await startTestWorker(database);
    const execution = await start({
      name: "Cancel me",
      nodes: [
        { nodeId: "wait", templateId: "delay", parameterOverrides: { milliseconds: 20_000 } },
        { nodeId: "after", templateId: "echo" },
      ],
      connections: [{ connectionId: "e", sourceNodeId: "wait", targetNodeId: "after" }],
    });
    await until(async () => (await nodeRow(execution.id, "wait")).status === "running");
    const cancelledAt = Date.now();
    await cancelExecution(database.db, user, execution.id);
    const { execution: final, nodes } = await waitForRun(database, execution.id);
    expect(final.status).toBe("cancelled");
    expect(nodes.wait!.status).toBe("cancelled");
    expect(nodes.after!.status).toBe("cancelled");
    await new Promise((resolve) => setTimeout(resolve, 1500)); // past a heartbeat: the worker must not overwrite it
    expect((await nodeRow(execution.id, "wait")).status).toBe("cancelled");
    expect(Date.now() - cancelledAt).toBeLessThan(5_000);
  });

  it("cancels a long SQL statement in PostgreSQL", async () => {
    worker = await startTestWorker(database);
    const execution = await start({ name: "Long query", nodes: [{ nodeId: "q", templateId: "long_query" }] });
    const sleeping = () =>
      database.sql(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%pg_sleep(30)%' AND state = 'active' AND pid <> pg_backend_pid()`,
      );
    await until(async () => (await sleeping()).length > 0);
    await cancelExecution(database.db, user, execution.id);
    await until(async () => (await sleeping()).length === 0, { timeoutMs: 5_000, everyMs: 50 });
    expect((await nodeRow(execution.id, "q")).status).toBe("cancelled");
  });
});

describe("deleting a composition with a live run", () => {
  it("stops its running query and leaves none of its jobs behind", async () => {
    worker = await startTestWorker(database);
    const execution = await start({
      name: "Delete while running",
      nodes: [
        { nodeId: "q", templateId: "long_query" },
        { nodeId: "later", templateId: "delay", parameterOverrides: { milliseconds: 10 } },
      ],
    });
    const { compositionId } = await database.db.compositionExecution.findUniqueOrThrow({
      where: { id: execution.id },
    });
    const sleeping = () =>
      database.sql(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%pg_sleep(30)%' AND state = 'active' AND pid <> pg_backend_pid()`,
      );
    await until(async () => (await sleeping()).length > 0);
    await deleteComposition(database.db, user, compositionId);
    await until(async () => (await sleeping()).length === 0, { timeoutMs: 5_000, everyMs: 50 });
    expect(await database.db.compositionExecution.count({ where: { id: execution.id } })).toBe(0);
    // The job of the running node ends with its task; the other one was removed with the composition.
    const nodeJobs = async () =>
      (await database.sql(`SELECT key FROM graphile_worker._private_jobs WHERE key LIKE 'node:%'`)).length;
    await until(async () => (await nodeJobs()) === 0, { timeoutMs: 5_000, everyMs: 50 });
  });
});

describe("retry", () => {
  it("re-runs what failed and reuses what completed", async () => {
    worker = await startTestWorker(database);
    const document = {
      name: "Retry me",
      nodes: [
        { nodeId: "first", templateId: "echo", parameterOverrides: { message: "kept" } },
        {
          nodeId: "second",
          templateId: "flips",
          parameterOverrides: { after: Date.now() + 1500 },
          config: { maxRetries: 0 },
        },
      ],
      connections: [{ connectionId: "e", sourceNodeId: "first", targetNodeId: "second" }],
    };
    const failed = await runToEnd(database, user, document);
    expect(failed.execution.status).toBe("failed");
    await new Promise((resolve) => setTimeout(resolve, 1600));

    const retry = await retryExecution(database.db, user, failed.execution.id);
    const { execution, nodes } = await waitForRun(database, retry.id);
    expect(execution).toMatchObject({ status: "completed", retryOfId: failed.execution.id });
    expect(nodes.second!.output).toBe("fixed");
    expect(nodes.first!.output).toEqual(failed.nodes.first!.output);
    const firstLogs = await database.db.executionLog.findMany({
      where: { workflowExecutionId: nodes.first!.id },
    });
    expect(firstLogs.map((line) => line.message)).toEqual([
      `Reused the output of run ${failed.execution.id}`,
    ]);
  });
});

describe("crash safety", () => {
  /**
   * Starts a worker process, waits until it runs the node (and, if given, has written that log line),
   * and SIGKILLs it; returns the node's row then.
   */
  async function killWorkerRunning(executionId: string, nodeId: string, afterLogLine?: string) {
    const doomed = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
      env: { ...process.env, DATABASE_URL: database.url, WORKER_CONCURRENCY: "2" },
      stdio: "ignore",
    });
    const running = await until(async () => {
      const row = await nodeRow(executionId, nodeId);
      return row.status === "running" && row.workerId ? row : null;
    });
    if (afterLogLine) {
      await until(() =>
        database.db.executionLog.count({ where: { workflowExecutionId: running.id, message: afterLogLine } }),
      );
    }
    doomed.kill("SIGKILL");
    await new Promise((resolve) => doomed.once("exit", resolve));
    return running;
  }

  it("finishes a run on another worker when the first is killed mid-node, with one completion and every log line", async () => {
    const execution = await start({
      name: "Crash",
      nodes: [
        { nodeId: "slow", templateId: "delay", parameterOverrides: { milliseconds: 3000 } },
        { nodeId: "next", templateId: "echo" },
      ],
      connections: [{ connectionId: "e", sourceNodeId: "slow", targetNodeId: "next" }],
    });
    const running = await killWorkerRunning(execution.id, "slow", "Attempt 1 started");
    worker = await startTestWorker(database, { HEARTBEAT_TIMEOUT_MS: "1500" });
    const { execution: final, nodes } = await waitForRun(database, execution.id, 30_000);
    expect(final.status).toBe("completed");
    expect(nodes.slow).toMatchObject({ status: "completed", attempt: 2 });
    expect(nodes.slow!.workerId).not.toBe(running.workerId);
    const lines = await database.db.executionLog.findMany({
      where: { workflowExecutionId: nodes.slow!.id },
      orderBy: { id: "asc" },
    });
    // The killed attempt's line was written while it ran, so it is kept.
    expect(lines.map((line) => line.message)).toEqual([
      "Attempt 1 started",
      // RETRY_BASE_DELAY_MS is 50 in tests: a lost attempt backs off as a failed one does.
      `Worker ${running.workerId} stopped responding during this attempt; the node was re-queued: the next attempt starts in 50 ms.`,
      "Attempt 2 started",
    ]);
    expect(nodes.next!.attempt).toBe(1);
    // No job of the node is left behind: graphile marks the dead worker's job spent when unlocking it,
    // and the sweeper removes it.
    const jobsOf = (id: string) =>
      database.sql(`SELECT id FROM graphile_worker._private_jobs WHERE payload->>'nodeExecutionId' = $1`, [
        id,
      ]);
    await until(async () => (await jobsOf(nodes.slow!.id)).length === 0);
  });

  it("runs a node whose job a dead worker locked before claiming it, within a heartbeat timeout", async () => {
    const execution = await start({ name: "Held job", nodes: [{ nodeId: "a", templateId: "echo" }] });
    const node = await nodeRow(execution.id, "a");
    // What a worker killed between taking the job and committing its claim leaves behind.
    await database.sql(
      `UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = 'dead-worker' WHERE key = $1`,
      [`node:${node.id}`],
    );
    worker = await startTestWorker(database, { HEARTBEAT_TIMEOUT_MS: "1500" });
    const { execution: final, nodes } = await waitForRun(database, execution.id, 15_000);
    expect(final.status).toBe("completed");
    expect(nodes.a).toMatchObject({ status: "completed", attempt: 1 });
    const lines = await database.db.executionLog.findMany({ where: { workflowExecutionId: node.id } });
    expect(lines.map((line) => line.message)).toContain(
      "Worker dead-worker took this node's job but never started it; the job was released.",
    );
  });

  it("fails a node that keeps losing its worker once its retries are spent, instead of re-queuing it forever", async () => {
    const execution = await start({
      name: "Poison pill",
      nodes: [
        {
          nodeId: "pill",
          templateId: "delay",
          parameterOverrides: { milliseconds: 5000 },
          config: { maxRetries: 0 },
        },
        { nodeId: "after", templateId: "echo" },
      ],
      connections: [{ connectionId: "e", sourceNodeId: "pill", targetNodeId: "after" }],
    });
    await killWorkerRunning(execution.id, "pill");
    worker = await startTestWorker(database, { HEARTBEAT_TIMEOUT_MS: "1500" });
    const { execution: final, nodes } = await waitForRun(database, execution.id, 30_000);
    expect(final.status).toBe("failed");
    expect(nodes.pill).toMatchObject({ status: "failed", attempt: 1 });
    expect(nodes.pill!.error).toMatch(/stopped responding during this attempt; no retries left/);
    expect(nodes.after!.status).toBe("skipped");
  });
});

describe("graceful shutdown", () => {
  async function stopWhileRunning(milliseconds: number, graceMs: string) {
    const first = await startTestWorker(database, { WORKER_SHUTDOWN_GRACE_MS: graceMs });
    const execution = await start({
      name: `Shutdown ${graceMs}`,
      nodes: [{ nodeId: "slow", templateId: "delay", parameterOverrides: { milliseconds } }],
    });
    await until(async () => (await nodeRow(execution.id, "slow")).status === "running");
    await first.stop();
    return execution;
  }

  it("lets a running node finish within the grace period", async () => {
    const execution = await stopWhileRunning(500, "5000");
    expect(await nodeRow(execution.id, "slow")).toMatchObject({ status: "completed", attempt: 1 });
  });

  it("hands a node that outlasts the grace period back, and another worker runs it", async () => {
    const execution = await stopWhileRunning(3000, "200");
    expect(await nodeRow(execution.id, "slow")).toMatchObject({
      status: "queued",
      workerId: null,
      attempt: 0,
    });
    worker = await startTestWorker(database);
    const { execution: final, nodes } = await waitForRun(database, execution.id);
    expect(final.status).toBe("completed");
    expect(nodes.slow).toMatchObject({ status: "completed", attempt: 1 });
  });
});

describe("HTTP templates", () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((_, response) => {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ title: "from the test server" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => server.close());

  it.each([
    ["loopback", () => `http://127.0.0.1:${port}/`, /127\.0\.0\.1, an internal address/],
    [
      "the cloud metadata address",
      () => "http://169.254.169.254/latest/meta-data/",
      /169\.254\.169\.254, an internal address/,
    ],
    ["a private network", () => "http://10.1.2.3/", /10\.1\.2\.3, an internal address/],
    ["IPv6 loopback", () => `http://[::1]:${port}/`, /::1, an internal address/],
    ["a non-HTTP scheme", () => "file:///etc/passwd", /Only http and https/],
  ])("refuse %s", async (_, url, error) => {
    worker = await startTestWorker(database, { HTTP_ALLOWLIST: "localhost" });
    const { nodes } = await runToEnd(database, user, {
      name: "SSRF",
      nodes: [
        {
          nodeId: "call",
          templateId: "http_request",
          parameterOverrides: { url: url() },
          config: { maxRetries: 0 },
        },
      ],
    });
    expect(nodes.call!.status).toBe("failed");
    expect(nodes.call!.error).toMatch(error);
  });

  it("reach an allowlisted local host", async () => {
    worker = await startTestWorker(database, { HTTP_ALLOWLIST: "localhost" });
    const { nodes } = await runToEnd(database, user, {
      name: "Allowed",
      nodes: [
        {
          nodeId: "call",
          templateId: "http_request",
          parameterOverrides: { url: `http://localhost:${port}/` },
        },
        { nodeId: "say", templateId: "echo" },
      ],
      connections: [
        {
          connectionId: "e",
          sourceNodeId: "call",
          targetNodeId: "say",
          fieldMappings: { message: "body.title" },
        },
      ],
    });
    expect(nodes.call).toMatchObject({
      status: "completed",
      output: expect.objectContaining({ status: 200 }),
    });
    expect(nodes.say!.output).toMatchObject({ message: "from the test server" });
  });
});
