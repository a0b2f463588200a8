import { test as base } from "vitest";
import { createTestDatabase } from "./database";
import { startTestWorker } from "./engine";

// The setup most database tests share, as Vitest fixtures: a test asks for what it needs by name
// (`async ({ database, worker }) => …`), and each is made once per file, when first asked for, and
// dropped or stopped after the file.

/**
 * `database`: the file's own database (a clone of the migrated, seeded template); `worker`: a real
 * worker on it, with `workerEnv` over the test defaults (a file sets its own with
 * `dbTest.extend("workerEnv", { scope: "file" }, { WORKER_CONCURRENCY: "3" })`).
 */
export const dbTest = base
  // biome-ignore lint/correctness/noEmptyPattern: Vitest reads a fixture's dependencies from this pattern.
  .extend("database", { scope: "file" }, async ({}, { onCleanup }) => {
    const database = await createTestDatabase();
    onCleanup(() => database.drop());
    return database;
  })
  .extend("workerEnv", { scope: "file" }, {} as Record<string, string>)
  .extend("worker", { scope: "file" }, async ({ database, workerEnv }, { onCleanup }) => {
    const worker = await startTestWorker(database, workerEnv);
    onCleanup(() => worker.stop());
    return worker;
  });
