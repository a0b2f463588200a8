import { defineConfig } from "@playwright/test";
import { chromiumArgs, chromiumExecutable } from "./lib/testing/chromium";

export const E2E_PORT = 3100;
const baseURL = `http://localhost:${E2E_PORT}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL,
    // Numbers and dates are formatted in the reader's locale: the specs read them as en-US.
    locale: "en-US",
    timezoneId: "UTC",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: chromiumArgs,
    },
  },
  // The production build on its own embedded PostgreSQL (wiped by scripts/e2e.mjs before each run).
  webServer: {
    command: "node --import tsx scripts/start.ts",
    url: `${baseURL}/sign-in`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(E2E_PORT),
      APP_URL: baseURL,
      EMBEDDED_POSTGRES_PORT: "5499",
      EMBEDDED_POSTGRES_DIR: ".data/e2e/postgres",
      // Rate limiting stays on; the suite signs in more often than a person would.
      AUTH_SIGN_IN_LIMIT: "1000",
      AUTH_RATE_LIMIT_MAX: "10000",
      // The specs sign up many accounts; invite-only sign-up is covered by lib/auth/signup.db.test.ts.
      SIGNUP: "open",
      // The schedule specs use per-second schedules; lib/quotas.db.test.ts checks the default limit.
      SCHEDULE_MIN_INTERVAL_SECONDS: "1",
      // The HTTP template spec calls a server it starts on this machine, by the name localhost only:
      // 127.0.0.1 and every other internal address stay refused (that spec and the security specs).
      HTTP_ALLOWLIST: "localhost",
    },
  },
});
