import type { Env } from "@/lib/env";
import { checkConnection } from "./connection";
import { startEmbeddedPostgres } from "./embedded";

export interface OpenDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
  /** Calls `listener` if an embedded server ends on its own; an external database is not watched. */
  onCrash(listener: (how: string) => void): void;
}

/**
 * The database QueryFlow runs on: DATABASE_URL when set (checked with one clear error line),
 * otherwise an embedded PostgreSQL in EMBEDDED_POSTGRES_DIR.
 */
export async function openDatabase(current: Env): Promise<OpenDatabase> {
  if (current.DATABASE_URL) {
    await checkConnection(current.DATABASE_URL);
    return { url: current.DATABASE_URL, embedded: false, stop: async () => {}, onCrash: () => {} };
  }
  const server = await startEmbeddedPostgres({
    dir: current.EMBEDDED_POSTGRES_DIR,
    port: current.EMBEDDED_POSTGRES_PORT,
  });
  return { url: server.url, embedded: true, stop: server.stop, onCrash: server.onCrash };
}
