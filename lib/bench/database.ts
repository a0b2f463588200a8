import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb, type Db } from "@/lib/db/client";
import { passwordFileOf, startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { installJobQueue } from "@/lib/jobs/queue";
import { seed } from "@/lib/start/seed";
import { progress } from "./report";

/** A throw-away embedded PostgreSQL, migrated and seeded, for benchmarks that need no web server. */
export async function startBenchDatabase(
  port: number,
): Promise<{ url: string; db: Db; stop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), "queryflow-bench-"));
  progress(`starting an embedded PostgreSQL in ${dir}`);
  const server = await startEmbeddedPostgres({ dir, port });
  await migrate(server.url);
  await installJobQueue(server.url);
  const db = createDb(server.url, { max: 10 });
  await seed(db, server.url);
  return {
    url: server.url,
    db,
    async stop() {
      await db.$disconnect();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
      rmSync(passwordFileOf(dir), { force: true });
    },
  };
}
