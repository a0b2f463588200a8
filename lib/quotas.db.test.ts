import { describe, expect } from "vitest";
import type { AppError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/user";
import { compositionDocumentSchema } from "@/lib/compositions/schema";
import { createComposition } from "@/lib/compositions/service";
import { startRun } from "@/lib/engine/start-run";
import { parseEnv } from "@/lib/env";
import { createScheduleBodySchema } from "@/lib/schedules/schema";
import { createSchedule } from "@/lib/schedules/service";
import { makeUser } from "@/lib/testing/engine";
import { dbTest } from "@/lib/testing/fixture";
import { assertRunQuota, assertScheduleQuota } from "./quotas";

// No worker runs here: started runs stay in progress, which is what the quotas count.
const it = dbTest
  .extend(
    "user",
    { scope: "file" },
    async ({ database }): Promise<SessionUser> => makeUser(database, "quota"),
  )
  /** A one-node composition of the user's, with this node config. */
  .extend(
    "compose",
    { scope: "file" },
    async ({ database, user }) =>
      (name: string, config: object = {}) =>
        createComposition(
          database.db,
          user,
          compositionDocumentSchema.parse({ name, nodes: [{ nodeId: "a", templateId: "echo", config }] }),
        ),
  );

async function statusOf(promise: Promise<unknown>): Promise<number | "ok"> {
  return promise.then(
    () => "ok",
    (error: AppError) => error.status,
  );
}

describe("run quotas", () => {
  it("refuses a run past the per-composition and the per-user limit with 429 and a time to retry after", async ({
    database,
    user,
    compose,
  }) => {
    const limits = parseEnv({ RUNS_PER_COMPOSITION: "2", RUNS_PER_USER: "3" });
    const first = await compose("Quota one");
    const second = await compose("Quota two");
    for (let i = 0; i < 2; i++)
      await startRun(database.db, user, first.id, { parameters: {}, trigger: "manual" });
    await expect(
      assertRunQuota(database.db, { userId: user.id, compositionId: first.id }, limits),
    ).rejects.toThrow(/already has 2 runs in progress, the most allowed at once \(2\)/);
    expect(
      await statusOf(assertRunQuota(database.db, { userId: user.id, compositionId: second.id }, limits)),
    ).toBe("ok");
    await startRun(database.db, user, second.id, { parameters: {}, trigger: "manual" });
    const refused = assertRunQuota(database.db, { userId: user.id, compositionId: second.id }, limits);
    await expect(refused).rejects.toMatchObject({
      status: 429,
      message: expect.stringMatching(/You already have 3 runs/),
      details: { limit: 3, retryAfterSeconds: 10 },
    });
  });

  it("refuses a node time limit above NODE_TIMEOUT_MAX_MS with 400 naming the node", async ({
    database,
    user,
    compose,
  }) => {
    const composition = await compose("Long timeout", { timeoutMs: 86_400_000 });
    const started = startRun(database.db, user, composition.id, { parameters: {}, trigger: "manual" });
    await expect(started).rejects.toMatchObject({
      status: 400,
      message: 'Node "a" asks for config.timeoutMs 86400000; the most allowed is 3600000 ms.',
    });
  });
});

describe("schedule quotas", () => {
  const defaults = parseEnv({});

  it("refuses by default a schedule that fires more often than once a minute", async ({ database, user }) => {
    const quota = (seconds: number) =>
      statusOf(
        assertScheduleQuota(database.db, { userId: user.id, shortestIntervalSeconds: seconds }, defaults),
      );
    expect(await quota(1)).toBe(400);
    expect(await quota(59)).toBe(400);
    expect(await quota(60)).toBe("ok");
  });

  it("refuses an active schedule past SCHEDULES_PER_USER with 409, and counts only active ones", async ({
    database,
    user,
    compose,
  }) => {
    const composition = await compose("Scheduled");
    const schedule = (isActive: boolean) =>
      createSchedule(
        database.db,
        user,
        createScheduleBodySchema.parse({
          compositionId: composition.id,
          cronExpression: "0 9 * * *",
          isActive,
        }),
      );
    await schedule(true);
    await schedule(false);
    const limits = parseEnv({ SCHEDULES_PER_USER: "1" });
    const refused = assertScheduleQuota(
      database.db,
      { userId: user.id, shortestIntervalSeconds: 86_400 },
      limits,
    );
    await expect(refused).rejects.toMatchObject({
      status: 409,
      message: "You have 1 active schedule, the most allowed (1). Switch one off first.",
    });
  });
});
