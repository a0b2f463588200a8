import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type Db = PrismaClient;
/** A Prisma client or an interactive transaction: what domain functions take as their first argument. */
export type DbOrTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/**
 * Creates a Prisma client over node-postgres; no native engine is needed at run time. A connection
 * attempt gives up after 5 s (node-postgres would wait forever on an unreachable host), and a
 * transaction waits up to 10 s for a free connection, so a burst of requests queues instead of
 * failing; past that the request is a 503 with Retry-After (lib/api/errors.ts).
 */
export function createDb(connectionString: string, options: { max?: number } = {}): Db {
  const adapter = new PrismaPg({ connectionString, max: options.max ?? 10, connectionTimeoutMillis: 5_000 });
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000 } });
}

const globalForDb = globalThis as unknown as { queryflowDb?: Db };

/** The process-wide client. DATABASE_URL is set by `npm start` (embedded) or by the operator. */
export function db(): Db {
  if (!globalForDb.queryflowDb) {
    const url = env().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start QueryFlow with `npm start`.");
    globalForDb.queryflowDb = createDb(url, { max: env().DATABASE_POOL_MAX });
  }
  return globalForDb.queryflowDb;
}
