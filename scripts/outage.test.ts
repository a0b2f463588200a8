import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmbeddedDatabase, passwordFileOf, startEmbeddedPostgres } from "@/lib/db/embedded";
import { chromiumArgs } from "@/lib/testing/chromium";
import { freePort } from "@/lib/testing/free-port";
import { provisionChromium } from "./chromium.mjs";

// The app as `npm start` runs it, on a PostgreSQL of this file's own (an external DATABASE_URL to the
// app), which the test stops and starts again under it.
const dir = mkdtempSync(path.join(tmpdir(), "queryflow-outage-app-"));
chmodSync(dir, 0o755);
let postgresPort: number;
let database: EmbeddedDatabase;
let app: ChildProcess;
let baseUrl: string;
let output = "";

beforeAll(async () => {
  postgresPort = await freePort();
  database = await startEmbeddedPostgres({ dir, port: postgresPort });
  const port = await freePort();
  baseUrl = `http://localhost:${port}`;
  app = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: database.url,
      SIGNUP: "open",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  app.stdout!.on("data", (chunk) => {
    output += chunk;
  });
  app.stderr!.on("data", (chunk) => {
    output += chunk;
  });
  while (!output.includes("ready at")) {
    if (app.exitCode !== null) throw new Error(`npm start ended:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}, 300_000);
afterAll(async () => {
  if (app.exitCode === null) {
    const exited = new Promise((resolve) => app.once("exit", resolve));
    app.kill("SIGTERM");
    await exited;
  }
  await database.stop();
  rmSync(dir, { recursive: true, force: true });
  rmSync(passwordFileOf(dir), { force: true });
});

async function call(method: string, route: string, options: { cookie?: string; body?: unknown } = {}) {
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    headers: {
      origin: baseUrl,
      ...(options.body === undefined ? {} : { "content-type": "application/json" }),
      ...(options.cookie ? { cookie: options.cookie } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, retryAfter: response.headers.get("retry-after"), text };
}

describe("the app while its database restarts", () => {
  it("answers 503 with Retry-After during the outage, and everything works again after, without a restart", async () => {
    const person = { name: "Ops", email: "ops@example.com", password: "long-enough-password" };
    const signUp = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { origin: baseUrl, "content-type": "application/json" },
      body: JSON.stringify(person),
    });
    expect(signUp.status).toBe(200);
    const cookie = signUp.headers
      .getSetCookie()
      .map((value) => value.split(";")[0])
      .join("; ");
    expect((await call("GET", "/api/templates", { cookie })).status).toBe(200);

    await database.stop();
    for (const [method, route, body] of [
      ["GET", "/api/templates", undefined],
      ["POST", "/api/compositions", { name: "During the outage" }],
      ["POST", "/api/auth/sign-in/email", { email: person.email, password: person.password }],
      ["GET", "/api/health", undefined],
    ] as const) {
      const answer = await call(method, route, { cookie, body });
      expect(answer.status, `${method} ${route}: ${answer.text}`).toBe(503);
      expect(answer.retryAfter).toBe("5");
      if (route !== "/api/health") expect(JSON.parse(answer.text).error.code).toBe("database_unavailable");
    }
    // A page, in a real browser: the friendly error instead of a crash.
    const browser = await chromium.launch({ executablePath: await provisionChromium(), args: chromiumArgs });
    try {
      const context = await browser.newContext();
      await context.addCookies(
        cookie.split("; ").map((pair) => {
          const [name, ...value] = pair.split("=");
          return { name: name!, value: value.join("="), url: baseUrl };
        }),
      );
      const page = await context.newPage();
      await page.goto(`${baseUrl}/compositions`);
      await page.getByRole("heading", { name: "This page could not load" }).waitFor();
    } finally {
      await browser.close();
    }

    database = await startEmbeddedPostgres({ dir, port: postgresPort });
    expect((await call("GET", "/api/health")).status).toBe(200);
    expect((await call("GET", "/api/templates", { cookie })).status).toBe(200);
    const run = await call("POST", "/api/compositions/comp_campaign_analysis_v1/executions", {
      cookie,
      body: {},
    });
    expect(run.status).toBe(202);
    const { execution } = JSON.parse(run.text);
    for (;;) {
      const status = JSON.parse(
        (await call("GET", `/api/executions/${execution.id}`, { cookie })).text,
      ).status;
      if (status === "completed") break;
      expect(status).toMatch(/pending|running/);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(app.exitCode).toBeNull();
  }, 120_000);
});
