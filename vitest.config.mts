import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React server bundles; in tests every module is server-side.
      "server-only": path.resolve(import.meta.dirname, "lib/testing/empty-module.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts", "app/**/*.test.ts"],
    globalSetup: ["lib/testing/global-setup.ts"],
    environment: "node",
    // The schedule tests fire per-second schedules; lib/quotas.db.test.ts checks the default limit.
    env: {
      SCHEDULE_MIN_INTERVAL_SECONDS: "1",
      QUERYFLOW_SECRET_KEY: "test-key-for-data-source-passwords-0123456789",
    },
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Vitest prints unhandled errors early in its output; npm test repeats them at the very end so a
    // CI log's tail says what went wrong. They still fail the run.
    onUnhandledError(error) {
      mkdirSync("test-results", { recursive: true });
      appendFileSync(
        "test-results/unhandled-errors.txt",
        `${error.type}: ${error.stack ?? error.message}\n\n`,
      );
    },
  },
});
