import { expect } from "vitest";
import { compositionDocumentSchema } from "@/lib/compositions/schema";
import { createComposition } from "@/lib/compositions/service";
import { prismaSql } from "@/lib/db/sql";
import { makeUser } from "@/lib/testing/engine";
import { dbTest as it } from "@/lib/testing/fixture";
import { pruneIdleRateLimits, pruneOldExecutions } from "./retention";

const now = new Date("2026-11-22T12:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

it("deletes finished runs older than the retention with their nodes, results and logs, never a live one", async ({
  database,
}) => {
  const user = await makeUser(database, "keeper");
  const composition = await createComposition(
    database.db,
    user,
    compositionDocumentSchema.parse({ name: "Old runs", nodes: [{ nodeId: "a", templateId: "echo" }] }),
  );
  const run = async (status: string, finishedDaysAgo: number | null) => {
    const execution = await database.db.compositionExecution.create({
      data: {
        compositionId: composition.id,
        version: 1,
        status,
        trigger: "api",
        createdAt: daysAgo(finishedDaysAgo ?? 200),
        finishedAt: finishedDaysAgo === null ? null : daysAgo(finishedDaysAgo),
      },
    });
    const node = await database.db.workflowExecution.create({
      data: { templateId: "echo", compositionExecutionId: execution.id, compositionNodeId: "a", status },
    });
    await database.db.nodeResult.create({
      data: { workflowExecutionId: node.id, chunkIndex: 0, rowOffset: 0, rowCount: 1, rows: [{ n: 1 }] },
    });
    await database.db.executionLog.create({
      data: {
        compositionExecutionId: execution.id,
        workflowExecutionId: node.id,
        level: "info",
        message: "hi",
      },
    });
    return execution.id;
  };
  const old = await run("completed", 91);
  const oldFailed = await run("failed", 120);
  const recent = await run("completed", 89);
  const stillRunning = await run("running", null);

  expect(await pruneOldExecutions(prismaSql(database.db), 90, now)).toEqual({ runs: 2, standalone: 0 });
  const left = await database.db.compositionExecution.findMany({ select: { id: true } });
  expect(left.map((row) => row.id).sort()).toEqual([recent, stillRunning].sort());
  for (const gone of [old, oldFailed]) {
    expect(await database.db.workflowExecution.count({ where: { compositionExecutionId: gone } })).toBe(0);
    expect(await database.db.executionLog.count({ where: { compositionExecutionId: gone } })).toBe(0);
  }
  expect(await database.db.nodeResult.count()).toBe(2);
  expect(await pruneOldExecutions(prismaSql(database.db), 90, now)).toEqual({ runs: 0, standalone: 0 });
});

it("deletes rate-limit counters idle for more than a day, and keeps the others", async ({ database }) => {
  const now = new Date("2026-11-22T12:00:00Z");
  await database.db.rateLimit.createMany({
    data: [
      {
        id: "idle",
        key: "203.0.113.1/sign-in/email",
        count: 3,
        lastRequest: BigInt(now.getTime() - 2 * 86_400_000),
      },
      {
        id: "recent",
        key: "203.0.113.2/sign-in/email",
        count: 1,
        lastRequest: BigInt(now.getTime() - 60_000),
      },
    ],
  });
  expect(await pruneIdleRateLimits(prismaSql(database.db), 60, now)).toBe(1);
  expect((await database.db.rateLimit.findMany()).map((row) => row.id)).toEqual(["recent"]);
});
