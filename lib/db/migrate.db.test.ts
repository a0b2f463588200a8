import { createHash } from "node:crypto";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { defaultMigrationsDir, migrate, readMigrations } from "./migrate";

let database: TestDatabase;
let dir: string;

beforeEach(async () => {
  database = await createTestDatabase({ empty: true });
  dir = mkdtempSync(path.join(tmpdir(), "queryflow-migrations-"));
  cpSync(defaultMigrationsDir, dir, { recursive: true });
});

afterEach(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

const recorded = () =>
  database.sql<{
    migration_name: string;
    checksum: string;
    finished_at: Date | null;
    applied_steps_count: number;
  }>(
    `SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name`,
  );

describe("migrate", () => {
  it("applies every migration to a fresh database and records it as Prisma Migrate does", async () => {
    const { applied } = await migrate(database.url, { dir });
    const onDisk = readMigrations(dir);
    expect(applied).toEqual(onDisk.map((migration) => migration.name));

    const rows = await recorded();
    expect(rows.map((row) => row.migration_name)).toEqual(applied);
    for (const [index, row] of rows.entries()) {
      const file = path.join(dir, row.migration_name, "migration.sql");
      expect(row.checksum).toBe(createHash("sha256").update(readFileSync(file)).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(onDisk[index]?.checksum).toBe(row.checksum);
    }
    const tables = await database.sql(
      `SELECT 1 FROM information_schema.tables WHERE table_name = 'template_flow_nodes'`,
    );
    expect(tables).toHaveLength(1);
  });

  it("applies nothing on a second run", async () => {
    await migrate(database.url, { dir });
    const before = await recorded();
    expect(await migrate(database.url, { dir })).toEqual({ applied: [], functions: [] });
    expect(await recorded()).toEqual(before);
  });

  it("applies only a newly added migration", async () => {
    await migrate(database.url, { dir });
    mkdirSync(path.join(dir, "29990101000000_add_note"));
    writeFileSync(path.join(dir, "29990101000000_add_note", "migration.sql"), "CREATE TABLE note (id int);");
    expect(await migrate(database.url, { dir })).toEqual({
      applied: ["29990101000000_add_note"],
      functions: [],
    });
  });

  it("refuses an edited, already-applied migration and names its file", async () => {
    await migrate(database.url, { dir });
    const [first] = readMigrations(dir);
    appendFileSync(path.join(dir, first!.name, "migration.sql"), "\n-- an innocent-looking edit\n");
    await expect(migrate(database.url, { dir })).rejects.toThrow(
      new RegExp(`${first!.name}/migration\\.sql was edited after it was applied`),
    );
  });

  it("applies each migration exactly once when two runners start at once", async () => {
    const results = await Promise.all([migrate(database.url, { dir }), migrate(database.url, { dir })]);
    const appliedByBoth = results.flatMap((result) => result.applied).sort();
    expect(appliedByBoth).toEqual(readMigrations(dir).map((migration) => migration.name));
    const rows = await recorded();
    expect(rows).toHaveLength(readMigrations(dir).length);
  });

  it("rolls a failing migration back entirely and names its file", async () => {
    mkdirSync(path.join(dir, "29990101000000_broken"));
    writeFileSync(
      path.join(dir, "29990101000000_broken", "migration.sql"),
      "CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;",
    );
    await expect(migrate(database.url, { dir })).rejects.toThrow(
      /29990101000000_broken\/migration\.sql failed and was rolled back: relation "no_such_table" does not exist/,
    );
    expect(
      await database.sql(`SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`),
    ).toEqual([]);
    const names = (await recorded()).map((row) => row.migration_name);
    expect(names).not.toContain("29990101000000_broken");
    expect(names).toHaveLength(readMigrations(dir).length - 1);
  });
});

describe("prisma/functions", () => {
  let functions: string;
  beforeEach(() => {
    functions = mkdtempSync(path.join(tmpdir(), "queryflow-functions-"));
  });
  afterEach(() => rmSync(functions, { recursive: true, force: true }));

  const probe = async () =>
    (await database.sql<{ value: number }>("SELECT queryflow_probe() AS value"))[0]!.value;
  const define = (value: number) =>
    writeFileSync(
      path.join(functions, "queryflow_probe.sql"),
      `CREATE OR REPLACE FUNCTION queryflow_probe() RETURNS INT LANGUAGE sql AS $$ SELECT ${value} $$;\n`,
    );

  it("applies a function file on the first run, then again only when its text changed", async () => {
    define(1);
    expect((await migrate(database.url, { dir, functionsDir: functions })).functions).toEqual([
      "prisma/functions/queryflow_probe.sql",
    ]);
    expect(await probe()).toBe(1);
    expect((await migrate(database.url, { dir, functionsDir: functions })).functions).toEqual([]);

    define(2);
    const again = await migrate(database.url, { dir, functionsDir: functions });
    expect(again).toEqual({ applied: [], functions: ["prisma/functions/queryflow_probe.sql"] });
    expect(await probe()).toBe(2);
  });

  it("keeps the last good definition when an edited file does not apply, and names the file", async () => {
    define(1);
    await migrate(database.url, { dir, functionsDir: functions });
    writeFileSync(
      path.join(functions, "queryflow_probe.sql"),
      "CREATE OR REPLACE FUNCTION queryflow_probe( oops",
    );
    await expect(migrate(database.url, { dir, functionsDir: functions })).rejects.toThrow(
      /prisma\/functions\/queryflow_probe\.sql failed and was rolled back/,
    );
    expect(await probe()).toBe(1);
  });

  it("hold the engine's functions exactly as the migrations defined them", async () => {
    const definitions = () =>
      database.sql<{ name: string; body: string }>(
        `SELECT proname AS name, pg_get_functiondef(oid) AS body FROM pg_proc WHERE proname LIKE 'queryflow_%' ORDER BY proname`,
      );
    await migrate(database.url, { dir, functionsDir: functions }); // an empty directory: migrations only
    const fromMigrations = await definitions();
    await migrate(database.url, { dir });
    const fromFiles = await definitions();
    expect(fromFiles).toEqual(fromMigrations);
    expect(fromFiles.map((row) => row.name)).toEqual([
      "queryflow_advance_run",
      "queryflow_enqueue_node",
      "queryflow_finalise_run",
      "queryflow_finish_node",
      "queryflow_notify_run",
      "queryflow_promote_waiting",
      "queryflow_remove_node_jobs",
    ]);
  });
});
