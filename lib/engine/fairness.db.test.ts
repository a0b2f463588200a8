import { describe, expect } from "vitest";
import { compositionDocumentSchema } from "@/lib/compositions/schema";
import { createComposition } from "@/lib/compositions/service";
import type { TestDatabase } from "@/lib/testing/database";
import { makeUser, waitForRun } from "@/lib/testing/engine";
import { dbTest } from "@/lib/testing/fixture";
import { cancelExecution } from "./control";
import { startRun } from "./start-run";

// One user's slow nodes hold at most NODE_SLOTS_PER_USER of a worker's slots: the review saw six
// runs of 60-s delays make another user's demo run wait 58 s.

const it = dbTest
  .extend("workerEnv", { scope: "file" }, { WORKER_CONCURRENCY: "3" })
  .extend("alice", { scope: "file" }, ({ database }) => makeUser(database, "alice"))
  .extend("bob", { scope: "file" }, ({ database }) => makeUser(database, "bob"));

const running = async (database: TestDatabase, userId: string) =>
  (
    await database.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM workflow_executions w
       JOIN composition_executions ce ON ce.id = w.composition_execution_id
       WHERE w.status = 'running' AND ce.triggered_by = $1`,
      [userId],
    )
  )[0]!.n;

describe("node slots per user", () => {
  it("keep a slot free for another user while one user's delays hold their share", async ({
    database,
    worker: _running,
    alice,
    bob,
  }) => {
    // Three parallel delays in one run: their jobs are taken at the same moment.
    const slow = await createComposition(
      database.db,
      alice,
      compositionDocumentSchema.parse({
        name: "Slow",
        nodes: ["a", "b", "c"].map((nodeId) => ({
          nodeId,
          templateId: "delay",
          parameterOverrides: { milliseconds: 60_000 },
        })),
      }),
    );
    const runs = [await startRun(database.db, alice, slow.id, { parameters: {}, trigger: "api" })];
    // Readiness: alice holds her two slots of three (WORKER_CONCURRENCY 3, so NODE_SLOTS_PER_USER 2).
    await expect.poll(() => running(database, alice.id), { timeout: 30_000 }).toBe(2);

    const quick = await createComposition(
      database.db,
      bob,
      compositionDocumentSchema.parse({ name: "Quick", nodes: [{ nodeId: "say", templateId: "echo" }] }),
    );
    const started = await startRun(database.db, bob, quick.id, { parameters: {}, trigger: "api" });
    const { execution } = await waitForRun(database, started.id, 30_000);
    expect(execution.status).toBe("completed");
    // Alice's third delay is still waiting behind her own two.
    expect(await running(database, alice.id)).toBe(2);
    const waiting = await database.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM workflow_executions w
       JOIN composition_executions ce ON ce.id = w.composition_execution_id
       WHERE ce.triggered_by = $1 AND w.status IN ('pending', 'queued') AND w.started_at IS NULL`,
      [alice.id],
    );
    expect(waiting[0]!.n).toBe(1);
    for (const run of runs) await cancelExecution(database.db, alice, run.id);
  }, 90_000);
});
