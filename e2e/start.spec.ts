import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { newPerson } from "./fixtures";

// A second QueryFlow on its own ports and data directory, started and stopped as a person would.
const PORT = 3101;
const PG_PORT = 5498;
const DATA = ".data/e2e-restart";
const baseURL = `http://localhost:${PORT}`;

function start(): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    detached: true, // its own process group, so a signal reaches it the way Ctrl-C does
    env: {
      ...process.env,
      PORT: String(PORT),
      APP_URL: baseURL,
      EMBEDDED_POSTGRES_PORT: String(PG_PORT),
      EMBEDDED_POSTGRES_DIR: `${DATA}/postgres`,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const ready = new Promise<void>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk) => {
      output += chunk;
      if (output.includes(`ready at ${baseURL}`)) resolve();
    });
    child.on("exit", (code) => reject(new Error(`exited with ${code} before ready:\n${output}`)));
  });
  return { child, ready };
}

async function interrupt(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  process.kill(-child.pid!, "SIGINT");
  return exited;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

test.describe("npm start", () => {
  test.beforeAll(() => rmSync(DATA, { recursive: true, force: true }));
  test.afterAll(() => rmSync(DATA, { recursive: true, force: true }));

  test("keeps data across a restart, and Ctrl-C leaves no process behind", async ({ playwright }) => {
    test.setTimeout(180_000);
    const person = newPerson("restart");
    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });

    const first = start();
    await first.ready;
    expect((await api.post("/api/auth/sign-up/email", { data: person })).status()).toBe(200);
    expect(await interrupt(first.child)).toBe(0);
    expect(await portIsFree(PORT)).toBe(true);
    expect(await portIsFree(PG_PORT)).toBe(true);
    expect(existsSync(path.join(DATA, "postgres", "postmaster.pid"))).toBe(false);

    const second = start();
    await second.ready;
    const signIn = await api.post("/api/auth/sign-in/email", {
      data: { email: person.email, password: person.password },
    });
    expect(signIn.status()).toBe(200);
    expect((await api.get("/api/templates")).status()).toBe(200);
    expect(await interrupt(second.child)).toBe(0);
    expect(await portIsFree(PORT)).toBe(true);
    expect(await portIsFree(PG_PORT)).toBe(true);
    await api.dispose();
  });
});
