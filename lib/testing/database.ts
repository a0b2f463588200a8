import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createDb, type Db } from "@/lib/db/client";

export interface TestDatabase {
  name: string;
  url: string;
  db: Db;
  /** Runs SQL on this database through a plain pg connection. */
  sql<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

async function onAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject("adminUrl") });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A database of its own for one test file, so files run in parallel: a clone of the migrated and
 * seeded template, or (`empty: true`) a database with nothing in it.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `test_${randomUUID().replaceAll("-", "").slice(0, 20)}`;
  const template = options.empty ? "template0" : inject("templateDatabase");
  await onAdmin(`CREATE DATABASE ${name} TEMPLATE ${pg.escapeIdentifier(template)}`);
  const url = new URL(inject("adminUrl"));
  url.pathname = `/${name}`;
  const db = createDb(url.toString(), { max: 4 });
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  return {
    name,
    url: url.toString(),
    db,
    sql: async (text, values) => (await pool.query(text, values)).rows,
    drop: async () => {
      await db.$disconnect();
      await pool.end();
      await onAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
