import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/user";
import { type CompositionDocumentInput, compositionDocumentSchema } from "@/lib/compositions/schema";
import { createComposition, updateComposition } from "@/lib/compositions/service";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { makeUser, startTestWorker, waitForRun } from "@/lib/testing/engine";
import type { RunningWorker } from "@/lib/worker/worker";
import { cancelExecution, retryExecution } from "./control";
import { getExecution } from "./read";
import { startRun } from "./start-run";

// A composition's concurrency limit, on the real worker: past it a run waits for a slot (first
// come, first served) or is refused; a waiting run starts when one finishes — also across a worker restart.

let database: TestDatabase;
let worker: RunningWorker;
let alice: SessionUser;

beforeAll(async () => {
  database = await createTestDatabase();
  alice = await makeUser(database, "alice");
  worker = await startTestWorker(database);
});
afterAll(async () => {
  await worker.stop();
  await database.drop();
});

const slow = (name: string, settings: CompositionDocumentInput["settings"], milliseconds = 600) =>
  createComposition(
    database.db,
    alice,
    compositionDocumentSchema.parse({
      name,
      settings,
      nodes: [{ nodeId: "wait", templateId: "delay", parameterOverrides: { milliseconds } }],
    }),
  );
const start = (compositionId: string) =>
  startRun(database.db, alice, compositionId, { parameters: {}, trigger: "api" });
const row = (id: string) => database.db.compositionExecution.findUniqueOrThrow({ where: { id } });

describe("a composition limited to one run at a time", () => {
  it("queues the second and third, starts them in order as slots free, never two at once — also when the worker restarts", async () => {
    const composition = await slow("One at a time", { concurrencyLimit: 1, concurrencyPolicy: "queue" });
    const first = await start(composition.id);
    const second = await start(composition.id);
    const third = await start(composition.id);
    expect(first.status).toBe("running");
    for (const waiting of [second, third]) {
      expect(await row(waiting.id)).toMatchObject({
        status: "pending",
        startedAt: null,
        waitingSince: expect.any(Date),
      });
      const read = await getExecution(database.db, alice, waiting.id);
      expect(read.waitingSince).not.toBeNull();
      expect(read.nodes[0]!.status).toBe("pending");
    }
    // Nothing of theirs is queued for a worker while they wait.
    const jobs = await database.sql<{ n: number }>(
      "SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = ANY($1)",
      [
        (
          await database.db.workflowExecution.findMany({
            where: { compositionExecutionId: { in: [second.id, third.id] } },
          })
        ).map((node) => `node:${node.id}`),
      ],
    );
    expect(jobs[0]!.n).toBe(0);

    // A worker that stops half-way through: its successor takes over, and the queue moves on.
    await worker.stop();
    worker = await startTestWorker(database);
    for (const run of [first, second, third]) {
      const { execution } = await waitForRun(database, run.id, 60_000);
      expect(execution.status).toBe("completed");
    }
    const [a, b, c] = await Promise.all([first, second, third].map((run) => row(run.id)));
    expect(b!.startedAt!.getTime()).toBeGreaterThanOrEqual(a!.finishedAt!.getTime());
    expect(c!.startedAt!.getTime()).toBeGreaterThanOrEqual(b!.finishedAt!.getTime());
    const logs = await database.db.executionLog.findMany({ where: { compositionExecutionId: b!.id } });
    expect(logs.map((log) => log.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining("waiting for a slot (1 at a time)"),
        "A slot is free: the run starts",
      ]),
    );
  }, 90_000);

  it("refuses the second with 409 under the refuse policy", async () => {
    const composition = await slow("Refuse", { concurrencyLimit: 1, concurrencyPolicy: "refuse" });
    const first = await start(composition.id);
    await expect(start(composition.id)).rejects.toMatchObject({
      code: "conflict",
      message: '"Refuse" runs at most 1 at a time, and 1 is in progress: try again when one has finished.',
    });
    await waitForRun(database, first.id);
    expect((await start(composition.id)).status).toBe("running");
  });

  it("lets a cancelled waiting run go, and starts the waiting ones at once when the limit is raised", async () => {
    const composition = await slow("Raise", { concurrencyLimit: 1, concurrencyPolicy: "queue" }, 3_000);
    const first = await start(composition.id);
    const cancelled = await start(composition.id);
    const second = await start(composition.id);
    await cancelExecution(database.db, alice, cancelled.id);
    expect(await row(cancelled.id)).toMatchObject({ status: "cancelled", startedAt: null });

    const document = compositionDocumentSchema.parse({
      ...composition,
      settings: { concurrencyLimit: 3, concurrencyPolicy: "queue" },
    });
    await updateComposition(database.db, alice, composition.id, {
      ...document,
      version: composition.version,
    });
    // Started at the save, not when the first run finishes 3 s later.
    expect(await row(second.id)).toMatchObject({ status: "running", waitingSince: null });
    expect((await row(first.id)).finishedAt).toBeNull();
    for (const run of [first, second])
      expect((await waitForRun(database, run.id)).execution.status).toBe("completed");
    expect((await row(cancelled.id)).status).toBe("cancelled");
  }, 30_000);

  it("queues a retry like any run: it waits for the slot, then reuses what completed and runs the rest", async () => {
    const composition = await createComposition(
      database.db,
      alice,
      compositionDocumentSchema.parse({
        name: "Retry in line",
        settings: { concurrencyLimit: 1, concurrencyPolicy: "queue" },
        nodes: [
          { nodeId: "first", templateId: "echo" },
          { nodeId: "wait", templateId: "delay", parameterOverrides: { milliseconds: 800 } },
        ],
        connections: [{ connectionId: "c", sourceNodeId: "first", targetNodeId: "wait" }],
      }),
    );
    // A run cancelled while its second node waits: its first node completed.
    const cancelled = await start(composition.id);
    for (;;) {
      const nodes = await database.db.workflowExecution.findMany({
        where: { compositionExecutionId: cancelled.id },
      });
      if (nodes.some((node) => node.compositionNodeId === "wait" && node.status === "running")) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await cancelExecution(database.db, alice, cancelled.id);
    const busy = await start(composition.id);
    const retry = await retryExecution(database.db, alice, cancelled.id);
    expect(await row(retry.id)).toMatchObject({ status: "pending", waitingSince: expect.any(Date) });

    const { execution } = await waitForRun(database, retry.id, 30_000);
    expect(execution.status).toBe("completed");
    const busyRow = await row(busy.id);
    expect(execution.startedAt!.getTime()).toBeGreaterThanOrEqual(busyRow.finishedAt!.getTime());
    const logs = await database.db.executionLog.findMany({
      where: { workflowExecution: { compositionExecutionId: retry.id, compositionNodeId: "first" } },
    });
    expect(logs.map((log) => log.message)).toContainEqual(
      expect.stringContaining("Reused the output of run"),
    );
  }, 30_000);
});
