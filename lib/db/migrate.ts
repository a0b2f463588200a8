import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

export interface Migration {
  name: string;
  file: string;
  sql: string;
  checksum: string;
}

/** Prisma Migrate's own lock key, so this runner and `prisma migrate deploy` exclude each other. */
const PRISMA_ADVISORY_LOCK = 72707369;

export const defaultMigrationsDir = path.resolve(process.cwd(), "prisma/migrations");
/** The engine's PL/pgSQL, one `CREATE OR REPLACE FUNCTION` per file: edited in place, like code. */
export const defaultFunctionsDir = path.resolve(process.cwd(), "prisma/functions");

/** Which function files were applied, with the checksum of the text that was. */
const createFunctionsTable = `
CREATE TABLE IF NOT EXISTS queryflow_sql_functions (
    file        TEXT PRIMARY KEY,
    checksum    VARCHAR(64) NOT NULL,
    applied_at  TIMESTAMPTZ NOT NULL DEFAULT now()
)`;

/** Prisma's bookkeeping table, created exactly as Prisma Migrate creates it. */
const createMigrationsTable = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** The migrations on disk, in name (timestamp) order, with Prisma's sha256 checksums. */
export function readMigrations(dir: string = defaultMigrationsDir): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const file = path.join(dir, name, "migration.sql");
      const bytes = readFileSync(file);
      return {
        name,
        file: path.relative(process.cwd(), file),
        sql: bytes.toString("utf8"),
        checksum: createHash("sha256").update(bytes).digest("hex"),
      };
    });
}

export class MigrationError extends Error {
  override name = "MigrationError";
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

/**
 * Applies pending migrations, each in its own transaction, under Prisma's advisory lock so that
 * concurrent runners apply each migration once. An applied migration whose file changed is an error
 * that names the file: migrations are immutable once applied. Then re-applies each function file of
 * `prisma/functions` whose text changed since it was last applied (or never was): those are
 * `CREATE OR REPLACE`, so the engine's SQL is edited in place rather than in a new migration.
 */
export async function migrate(
  connectionString: string,
  options: { dir?: string; functionsDir?: string; log?: (line: string) => void } = {},
): Promise<{ applied: string[]; functions: string[] }> {
  const migrations = readMigrations(options.dir);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    await client.query(createMigrationsTable);
    const { rows } = await client.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.map((row) => [row.migration_name, row]));

    for (const row of rows) {
      if (row.finished_at === null) {
        throw new MigrationError(
          `Migration ${row.migration_name} started earlier but never finished: fix the database by hand, then mark it rolled back.`,
        );
      }
    }
    for (const migration of migrations) {
      const row = applied.get(migration.name);
      if (row && row.checksum !== migration.checksum) {
        throw new MigrationError(
          `${migration.file} was edited after it was applied to this database. Applied migrations never change: revert the edit and put the change in a new migration.`,
        );
      }
    }

    const pending = migrations.filter((migration) => !applied.has(migration.name));
    for (const migration of pending) {
      await applyOne(client, migration);
      options.log?.(`applied ${migration.name}`);
    }
    const functions = await applyChangedFunctions(client, options.functionsDir ?? defaultFunctionsDir);
    for (const file of functions) options.log?.(`applied ${file}`);
    return { applied: pending.map((migration) => migration.name), functions };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]).catch(() => {});
    await client.end();
  }
}

async function applyOne(client: pg.Client, migration: Migration): Promise<void> {
  const id = randomUUID();
  await client.query("BEGIN");
  try {
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
      [id, migration.checksum, migration.name],
    );
    await client.query(migration.sql);
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`${migration.file} failed and was rolled back: ${reason}`);
  }
}

/** Runs every function file whose checksum differs from the one recorded, each in a transaction. */
async function applyChangedFunctions(client: pg.Client, dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  await client.query(createFunctionsTable);
  const { rows } = await client.query<{ file: string; checksum: string }>(
    "SELECT file, checksum FROM queryflow_sql_functions",
  );
  const recorded = new Map(rows.map((row) => [row.file, row.checksum]));
  const changed: string[] = [];
  for (const name of readdirSync(dir)
    .filter((file) => file.endsWith(".sql"))
    .sort()) {
    const sql = readFileSync(path.join(dir, name), "utf8");
    const checksum = createHash("sha256").update(sql).digest("hex");
    if (recorded.get(name) === checksum) continue;
    await client.query("BEGIN");
    try {
      await client.query(sql);
      await client.query(
        `INSERT INTO queryflow_sql_functions (file, checksum) VALUES ($1, $2)
         ON CONFLICT (file) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = now()`,
        [name, checksum],
      );
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      const reason = error instanceof Error ? error.message : String(error);
      throw new MigrationError(`prisma/functions/${name} failed and was rolled back: ${reason}`);
    }
    changed.push(`prisma/functions/${name}`);
  }
  return changed;
}
