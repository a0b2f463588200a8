import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/user";
import { compositionDocumentSchema } from "@/lib/compositions/schema";
import { createComposition } from "@/lib/compositions/service";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { makeUser, startTestWorker } from "@/lib/testing/engine";
import { until } from "@/lib/testing/until";
import type { RunningWorker } from "@/lib/worker/worker";
import { fireSchedule } from "./fire";
import { createScheduleBodySchema } from "./schema";
import { createSchedule, getSchedule, updateSchedule } from "./service";

let database: TestDatabase;
let user: SessionUser;

beforeAll(async () => {
  database = await createTestDatabase();
  user = await makeUser(database, "scheduler");
});
afterAll(async () => {
  await database.drop();
});

/** Ticks more than 2 s late count as missed (production waits a minute), so a short downtime will do. */
const misfireAfter2s = { SCHEDULE_MISFIRE_MS: "2000" };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function composition(name: string, nodes: object[] = [{ nodeId: "a", templateId: "echo" }]) {
  return createComposition(database.db, user, compositionDocumentSchema.parse({ name, nodes }));
}

async function schedule(compositionId: string, extra: object = {}) {
  return createSchedule(
    database.db,
    user,
    createScheduleBodySchema.parse({ compositionId, cronExpression: "* * * * * *", ...extra }),
  );
}

/** The ticks that started a run, as epoch seconds, in order. */
async function firedTicks(scheduleId: string): Promise<number[]> {
  const rows = await database.db.compositionExecution.findMany({
    where: { scheduleId },
    orderBy: { scheduledFor: "asc" },
    select: { scheduledFor: true },
  });
  return rows.map((row) => row.scheduledFor!.getTime() / 1000);
}

function workerProcess(): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: { ...process.env, DATABASE_URL: database.url, WORKER_CONCURRENCY: "2" },
    stdio: "ignore",
  });
}

async function stopProcess(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

describe("firing", () => {
  it("fires every tick of a per-second schedule exactly once with three worker processes", async () => {
    const workers = [workerProcess(), workerProcess(), workerProcess()];
    try {
      const target = await composition("Every second");
      // Overlap allowed: this test is about ticks, and a slow run must not make one skip.
      const created = await schedule(target.id, { overlapPolicy: "allow" });
      // The first tick fires once the workers are up (ticks before are missed and skipped); then ten.
      await until(async () => (await firedTicks(created.id)).length >= 10, {
        what: "ten fired ticks",
        timeoutMs: 90_000,
      });
      await updateSchedule(database.db, user, created.id, { isActive: false });
      const ticks = await firedTicks(created.id);
      // Each tick once: no second is missing between the first and the last.
      expect(ticks.length).toBeGreaterThanOrEqual(10);
      expect(new Set(ticks).size).toBe(ticks.length);
      expect(ticks.at(-1)! - ticks[0]!).toBe(ticks.length - 1);
    } finally {
      await Promise.all(workers.map(stopProcess));
    }
  }, 150_000);

  it.each([
    ["skip", 0],
    ["run_once", 1],
  ] as const)(
    "after downtime, missed-run policy %s fires %i of the missed ticks",
    async (policy, expected) => {
      const target = await composition(`Missed ${policy}`);
      let worker: RunningWorker = await startTestWorker(database, misfireAfter2s);
      const created = await schedule(target.id, { missedRunPolicy: policy });
      await until(async () => (await firedTicks(created.id)).length >= 1, {
        what: "a first tick",
        timeoutMs: 60_000,
      });
      await worker.stop();
      const before = await firedTicks(created.id);
      expect(before.length).toBeGreaterThanOrEqual(1);

      await sleep(3_500); // three ticks and more pass with no worker
      const restarted = Date.now() / 1000;
      worker = await startTestWorker(database, misfireAfter2s);
      // The restarted worker has dealt with what it missed once it fires a tick of its own.
      await until(async () => (await firedTicks(created.id)).some((tick) => tick >= Math.ceil(restarted)), {
        what: "a tick after the restart",
        timeoutMs: 60_000,
      });
      await updateSchedule(database.db, user, created.id, { isActive: false });
      await worker.stop();
      const missedFired = (await firedTicks(created.id))
        .slice(before.length)
        .filter((tick) => tick < restarted - 1);
      expect(missedFired).toHaveLength(expected);
    },
    120_000,
  );

  it("skips ticks while the previous run is still going (overlap skip), and stops at once when disabled", async () => {
    const target = await composition("Slow", [
      { nodeId: "wait", templateId: "delay", parameterOverrides: { milliseconds: 2_500 } },
    ]);
    const worker = await startTestWorker(database);
    try {
      const created = await schedule(target.id, { overlapPolicy: "skip" });
      const finishedRuns = () =>
        database.db.compositionExecution.findMany({
          where: { scheduleId: created.id, finishedAt: { not: null } },
          orderBy: { createdAt: "asc" },
        });
      await until(async () => (await finishedRuns()).length >= 2, {
        what: "two finished runs",
        timeoutMs: 60_000,
      });
      const runs = await finishedRuns();
      // Each run takes 2.5 s and ticks come every second: the ticks in between are skipped, so a
      // run never starts before the one before it has finished.
      for (const [i, run] of runs.entries()) {
        if (i > 0) expect(run.createdAt.getTime()).toBeGreaterThanOrEqual(runs[i - 1]!.finishedAt!.getTime());
      }

      await updateSchedule(database.db, user, created.id, { isActive: false });
      const atDisable = (await firedTicks(created.id)).length;
      const job = await database.sql(
        "SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE key = $1",
        [`schedule:${created.id}`],
      );
      expect(job).toEqual([{ n: 0 }]);
      // Ticks go on meanwhile: another schedule fires twice, and the disabled one not once.
      const sentinel = await schedule((await composition("Sentinel")).id);
      await until(async () => (await firedTicks(sentinel.id)).length >= 2, {
        what: "two ticks of another schedule",
        timeoutMs: 60_000,
      });
      await updateSchedule(database.db, user, sentinel.id, { isActive: false });
      expect(await firedTicks(created.id)).toHaveLength(atDisable);
    } finally {
      await worker.stop();
    }
  }, 90_000);

  it("refuses a second active schedule identical to one that exists, also when both are asked at once", async () => {
    const target = await composition("Twins");
    const body = { compositionId: target.id, cronExpression: "0 9 * * 1", parameters: { message: "hi" } };
    const twice = await Promise.allSettled([
      createSchedule(database.db, user, createScheduleBodySchema.parse(body)),
      createSchedule(database.db, user, createScheduleBodySchema.parse(body)),
    ]);
    expect(twice.map((answer) => answer.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(twice.find((answer) => answer.status === "rejected")).toMatchObject({
      reason: { code: "conflict", message: expect.stringContaining("already runs this") },
    });
    // Other parameters, or a paused twin, are different schedules.
    await createSchedule(
      database.db,
      user,
      createScheduleBodySchema.parse({ ...body, parameters: { message: "ho" } }),
    );
    await createSchedule(database.db, user, createScheduleBodySchema.parse({ ...body, isActive: false }));
    expect(await database.db.schedule.count({ where: { compositionId: target.id } })).toBe(3);
  });

  it("says why a tick was not run, and clears that once a tick runs", async () => {
    const target = await composition("Series", [{ nodeId: "numbers", templateId: "number_series" }]);
    const created = await schedule(target.id, { cronExpression: "0 * * * *", parameters: { count: 5 } });
    // The parameters stop fitting after the schedule was saved (as when a template changes).
    await database.db.schedule.update({
      where: { id: created.id },
      data: { compositionParameters: { count: 0 } },
    });
    const fire = async () => {
      const { nextRunAt } = await database.db.schedule.findUniqueOrThrow({ where: { id: created.id } });
      const payload = { scheduleId: created.id, at: nextRunAt!.toISOString() };
      return fireSchedule(database.db, payload, { misfireMs: 60_000, now: nextRunAt! });
    };

    const refused = await fire();
    expect(refused.outcome).toBe("refused");
    const listed = await getSchedule(database.db, user, created.id);
    expect(listed.lastError?.message).toMatch(/count/);
    expect(listed.lastRun).toBeNull();

    await database.db.schedule.update({
      where: { id: created.id },
      data: { compositionParameters: { count: 5 } },
    });
    expect((await fire()).outcome).toBe("fired");
    const after = await getSchedule(database.db, user, created.id);
    expect(after.lastError).toBeNull();
    expect(after.lastRun?.status).toBe("running");
  });
});
