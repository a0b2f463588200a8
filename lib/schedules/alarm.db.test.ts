import pg from "pg";
import { describe, expect } from "vitest";
import { dbTest } from "@/lib/testing/fixture";
import { until } from "@/lib/testing/until";
import { SCHEDULES_CHANNEL, startScheduleAlarm } from "./alarm";

/** `pool`: the alarm's pool; `listeners()`: backends of this database listening for schedule changes. */
const it = dbTest
  .extend("pool", { scope: "file" }, ({ database }, { onCleanup }) => {
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    onCleanup(() => pool.end());
    return pool;
  })
  .extend(
    "listeners",
    { scope: "file" },
    ({ database }) =>
      async () =>
        (
          await database.sql<{ pid: number }>(
            `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = $1`,
            [`LISTEN "${SCHEDULES_CHANNEL}"`],
          )
        ).map((row) => row.pid),
  );

describe("the schedule alarm", () => {
  it("listens again after its connection is killed, as a database restart would", async ({
    database,
    pool,
    listeners,
  }) => {
    const alarm = await startScheduleAlarm(database.url, pool);
    try {
      const [first] = await until(async () => ((await listeners()).length === 1 ? listeners() : null));
      await database.sql("SELECT pg_terminate_backend($1)", [first]);
      const [second] = await until(async () => {
        const pids = await listeners();
        return pids.length === 1 && pids[0] !== first ? pids : null;
      });
      expect(second).not.toBe(first);
    } finally {
      await alarm.stop();
    }
    expect(await listeners()).toEqual([]);
  });

  it("starts while the database refuses it, and listens once it may", async ({
    database,
    pool,
    listeners,
  }) => {
    // Roles belong to the whole server: a name of this run's own, dropped after.
    const role = `alarm_late_${process.pid}_${Date.now()}`;
    await database.sql(`CREATE ROLE ${role} NOLOGIN PASSWORD 'late'`);
    const url = new URL(database.url);
    url.username = role;
    url.password = "late";
    const alarm = await startScheduleAlarm(url.toString(), pool);
    try {
      expect(await listeners()).toEqual([]);
      await database.sql(`ALTER ROLE ${role} LOGIN`);
      await until(async () => ((await listeners()).length === 1 ? true : null));
    } finally {
      await alarm.stop();
      await database.sql(`DROP ROLE ${role}`);
    }
  });
});
