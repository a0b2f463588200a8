import type pg from "pg";
import type { DbOrTx } from "@/lib/db/client";

/**
 * The engine's bookkeeping talks SQL through this: a node-postgres client in the worker's hot path
 * (a query costs ~0.2 ms there against ~0.7 ms through Prisma, measured; node hand-off is a
 * handful of queries), or a Prisma transaction where a service already holds one.
 */
export interface Sql {
  query<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: Row[] }>;
}

/** Runs `work` in one node-postgres transaction. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient & Sql) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client as pg.PoolClient & Sql);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** A Prisma client or transaction as Sql (statements must RETURN what the caller reads). */
export function prismaSql(tx: DbOrTx): Sql {
  return {
    query: async <Row>(text: string, values: unknown[] = []) => ({
      rows: (await tx.$queryRawUnsafe(text, ...values)) as Row[],
    }),
  };
}

/** A node-postgres pool or client as Sql. */
export function pgSql(client: pg.Pool | pg.PoolClient): Sql {
  return {
    query: async <Row>(text: string, values: unknown[] = []) => ({
      rows: (await client.query(text, values)).rows as Row[],
    }),
  };
}
