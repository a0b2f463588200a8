import { describe, expect } from "vitest";
import type { SessionUser } from "@/lib/auth/user";
import { compositionDocumentSchema } from "@/lib/compositions/schema";
import { createComposition } from "@/lib/compositions/service";
import type { TestDatabase } from "@/lib/testing/database";
import { makeUser } from "@/lib/testing/engine";
import { dbTest } from "@/lib/testing/fixture";
import { until } from "@/lib/testing/until";
import { cancelBackfill, createBackfill, getBackfill, updateBackfill } from "./backfill";
import { createBackfillBodySchema } from "./backfill-schema";
import { createScheduleBodySchema } from "./schema";
import { createSchedule } from "./service";

// Backfills on the real worker: every tick once, never more than `concurrency` at a time.

const MINUTE = 60_000;
/** A past minute boundary: the ticks of `* * * * *` from it on are whole minutes. */
const start = new Date(Math.floor(Date.now() / MINUTE) * MINUTE - 24 * 60 * MINUTE);

/** What the tests do, as alice, on this file's database. */
function helpers(database: TestDatabase, alice: SessionUser) {
  async function minuteSchedule(name: string, milliseconds: number) {
    const composition = await createComposition(
      database.db,
      alice,
      compositionDocumentSchema.parse({
        name,
        nodes: [{ nodeId: "wait", templateId: "delay", parameterOverrides: { milliseconds } }],
      }),
    );
    // Switched off: only the backfill runs it.
    return createSchedule(
      database.db,
      alice,
      createScheduleBodySchema.parse({
        compositionId: composition.id,
        cronExpression: "* * * * *",
        isActive: false,
      }),
    );
  }

  function backfill(scheduleId: string, from: Date, to: Date, concurrency: number, user = alice) {
    return createBackfill(
      database.db,
      user,
      scheduleId,
      createBackfillBodySchema.parse({ from: from.toISOString(), to: to.toISOString(), concurrency }),
    );
  }

  function untilStatus(id: string, status: string, timeoutMs = 60_000) {
    return until(
      async () => {
        const current = await getBackfill(database.db, alice, id);
        return current.status === status && current;
      },
      { what: `backfill ${id} to be ${status}`, timeoutMs },
    );
  }

  let witnesses = 0;
  /**
   * A small backfill of another schedule, run to the end: while it runs, the worker moves backfills
   * on, so one that made no progress meanwhile was held, not merely slow.
   */
  async function witnessBackfill() {
    witnesses += 1;
    const schedule = await minuteSchedule(`Witness ${witnesses}`, 10);
    const made = await backfill(schedule.id, start, new Date(start.getTime() + 2 * MINUTE), 1);
    await untilStatus(made.id, "completed");
  }
  return { minuteSchedule, backfill, untilStatus, witnessBackfill };
}

const it = dbTest
  .extend("alice", { scope: "file" }, ({ database }) => makeUser(database, "alice"))
  .extend("bob", { scope: "file" }, ({ database }) => makeUser(database, "bob"))
  .extend("backfills", { scope: "file" }, ({ database, alice, worker: _running }) =>
    helpers(database, alice),
  );

describe("a backfill", () => {
  it("of 100 ticks makes exactly 100 runs, one per tick, never more than 5 at a time; again, it runs none", async ({
    database,
    backfills: { minuteSchedule, backfill, untilStatus },
  }) => {
    const schedule = await minuteSchedule("Hourly import", 150);
    const to = new Date(start.getTime() + 99 * MINUTE);
    const made = await backfill(schedule.id, start, to, 5);
    expect(made.progress).toMatchObject({ total: 100, remaining: 100 });
    const done = await untilStatus(made.id, "completed");
    expect(done.progress).toMatchObject({ total: 100, completed: 100, failed: 0, remaining: 0, skipped: 0 });

    const runs = await database.db.compositionExecution.findMany({
      where: { backfillId: made.id },
      orderBy: { scheduledFor: "asc" },
    });
    expect(runs).toHaveLength(100);
    expect(runs.every((run) => run.trigger === "backfill" && run.scheduleId === schedule.id)).toBe(true);
    expect(runs.map((run) => run.scheduledFor!.getTime())).toEqual(
      Array.from({ length: 100 }, (_, i) => start.getTime() + i * MINUTE),
    );
    // The most runs in progress at any moment: at each start, those started and not yet finished.
    const most = Math.max(
      ...runs.map(
        (run) =>
          runs.filter((other) => other.startedAt! <= run.startedAt! && other.finishedAt! > run.startedAt!)
            .length,
      ),
    );
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(5);

    const again = await backfill(schedule.id, start, to, 5);
    expect((await untilStatus(again.id, "completed")).progress).toMatchObject({
      total: 100,
      skipped: 100,
      completed: 0,
    });
  }, 120_000);

  it("pauses, resumes and cancels: paused, nothing new starts; cancelled, its runs in progress stop", async ({
    database,
    alice,
    backfills: { minuteSchedule, backfill, witnessBackfill },
  }) => {
    const schedule = await minuteSchedule("Slow import", 1_000);
    const made = await backfill(schedule.id, start, new Date(start.getTime() + 19 * MINUTE), 2);
    await updateBackfill(database.db, alice, made.id, { status: "paused" });
    // Its runs in progress finish: the moment a backfill that ignored the pause would start the next.
    for (const deadline = Date.now() + 30_000; ; ) {
      if ((await getBackfill(database.db, alice, made.id)).progress.running === 0) break;
      expect(Date.now(), "runs in progress when paused never finished").toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await witnessBackfill();
    const paused = await getBackfill(database.db, alice, made.id);
    const startedWhilePaused = 20 - paused.progress.remaining;
    expect(startedWhilePaused).toBeLessThanOrEqual(2);
    await witnessBackfill();
    expect((await getBackfill(database.db, alice, made.id)).progress.remaining).toBe(
      paused.progress.remaining,
    );

    await updateBackfill(database.db, alice, made.id, { status: "running" });
    for (;;) {
      const current = await getBackfill(database.db, alice, made.id);
      if (current.progress.remaining < paused.progress.remaining) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const cancelled = await cancelBackfill(database.db, alice, made.id);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.progress.running).toBe(0);
    const remaining = cancelled.progress.remaining;
    await witnessBackfill();
    expect((await getBackfill(database.db, alice, made.id)).progress).toMatchObject({
      remaining,
      running: 0,
    });
  }, 60_000);

  it("is its schedule's owner's to make, of past ticks only, and of at most 10,000 ticks", async ({
    bob,
    backfills: { minuteSchedule, backfill },
  }) => {
    const schedule = await minuteSchedule("Guarded", 10);
    await expect(
      backfill(schedule.id, start, new Date(start.getTime() + MINUTE), 1, bob),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    expect(() =>
      createBackfillBodySchema.parse({
        from: start.toISOString(),
        to: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    ).toThrow(/must not be in the future/);
    await expect(
      backfill(schedule.id, new Date(start.getTime() - 8 * 24 * 60 * MINUTE), start, 1),
    ).rejects.toMatchObject({
      code: "bad_request",
      message: "That is more than 10,000 ticks: backfill a shorter span.",
    });
  });
});
