import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { passwordFileOf, startEmbeddedPostgres } from "@/lib/db/embedded";
import { freePort } from "./free-port";

export const SHOP_PASSWORD = "analyst-secret-pw-4711";

/**
 * A second, real PostgreSQL standing for a customer's database: a `shop` database with an `orders`
 * table the `analyst` role may read, and a `payroll` table it may not.
 */
export async function startShopDatabase() {
  const dir = mkdtempSync(path.join(tmpdir(), "queryflow-shop-"));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const server = await startEmbeddedPostgres({ dir, port, database: "shop" });
  const sql = async <T extends pg.QueryResultRow>(text: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      return (await client.query<T>(text)).rows;
    } finally {
      await client.end();
    }
  };
  await sql(`
    CREATE ROLE analyst LOGIN PASSWORD '${SHOP_PASSWORD}';
    CREATE TABLE orders (id int PRIMARY KEY, amount numeric NOT NULL, placed date NOT NULL);
    INSERT INTO orders SELECT g, g * 10.5, date '2025-01-01' + g FROM generate_series(1, 50) g;
    CREATE TABLE payroll (employee text, salary numeric);
    GRANT SELECT ON orders TO analyst;`);
  return {
    port,
    /** How QueryFlow connects to it: as the analyst, without TLS (a local test server has none). */
    connection: {
      host: "127.0.0.1",
      port,
      database: "shop",
      user: "analyst",
      password: SHOP_PASSWORD,
      sslMode: "disable" as const,
    },
    /** The superuser's URL (for the test's own checks). */
    url: server.url,
    sql,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
      rmSync(passwordFileOf(dir), { force: true });
    },
  };
}
