import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createDb } from "@/lib/db/client";
import { passwordFileOf, startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { installJobQueue } from "@/lib/jobs/queue";
import { seed } from "@/lib/start/seed";
import { freePort } from "./free-port";

export const TEMPLATE_DATABASE = "queryflow_template";

declare module "vitest" {
  export interface ProvidedContext {
    /** Maintenance-database URL of the test PostgreSQL server. */
    adminUrl: string;
    /** A migrated and seeded database that test databases are cloned from. */
    templateDatabase: string;
  }
}

/**
 * One real PostgreSQL for the whole run, in a temporary directory, with a migrated and seeded
 * template database; each test file clones its own database from it (see ./database.ts).
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "queryflow-test-"));
  const server = await startEmbeddedPostgres({ dir, port: await freePort(), database: TEMPLATE_DATABASE });
  const prisma = createDb(server.url, { max: 2 });
  await migrate(server.url);
  await installJobQueue(server.url);
  await seed(prisma, server.url);
  await prisma.$disconnect();
  project.provide("adminUrl", server.adminUrl);
  project.provide("templateDatabase", TEMPLATE_DATABASE);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(passwordFileOf(dir), { force: true });
  };
}
