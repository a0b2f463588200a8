import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { assertPortFree } from "@/lib/db/embedded";
import { freePort } from "@/lib/testing/free-port";

/**
 * Runs `npm start`'s script with the given environment; `exited` resolves with its exit code and
 * stderr, `printed(text)` when its output has shown `text`.
 */
function launch(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on("exit", (code) => resolve({ code, stderr: stderr.trim() })),
  );
  const printed = async (text: string) => {
    while (!stdout.includes(text)) {
      if (child.exitCode !== null) throw new Error(`npm start ended before printing "${text}": ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  return { child, exited, printed };
}

const start = (env: Record<string, string>) => launch(env).exited;

let occupied: Server;
let occupiedPort: number;
let dataDir: string;

beforeAll(async () => {
  occupied = createServer();
  await new Promise<void>((resolve) => occupied.listen(0, "127.0.0.1", resolve));
  occupiedPort = (occupied.address() as { port: number }).port;
  dataDir = mkdtempSync(path.join(tmpdir(), "queryflow-start-"));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to enter the directories.
  chmodSync(dataDir, 0o755);
});
afterAll(() => {
  occupied.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("npm start refuses to start with one clear line", () => {
  it("for a bad environment variable, naming it", async () => {
    const { code, stderr } = await start({ PORT: "eighty" });
    expect(code).toBe(1);
    expect(stderr).toBe(
      'queryflow: Invalid environment variable PORT: must be a port number from 1 to 65535 (got "eighty")',
    );
  });

  it("when the web port is taken", async () => {
    const { code, stderr } = await start({ PORT: String(occupiedPort) });
    expect(code).toBe(1);
    expect(stderr).toBe(
      `queryflow: Port ${occupiedPort} for the web app is already in use: free it or set PORT to another port.`,
    );
  });

  it("when the embedded PostgreSQL port is taken", async () => {
    const { code, stderr } = await start({
      PORT: String(await freePort()),
      EMBEDDED_POSTGRES_PORT: String(occupiedPort),
      EMBEDDED_POSTGRES_DIR: path.join(dataDir, "postgres"),
    });
    expect(code).toBe(1);
    expect(stderr).toBe(
      `queryflow: Port ${occupiedPort} for the embedded PostgreSQL is already in use: free it or set EMBEDDED_POSTGRES_PORT to another port.`,
    );
  });

  it("when DATABASE_URL points at no server, without showing the password", async () => {
    const port = await freePort();
    const { code, stderr } = await start({
      PORT: String(await freePort()),
      DATABASE_URL: `postgresql://queryflow:s3cret-pw@127.0.0.1:${port}/queryflow`,
    });
    expect(code).toBe(1);
    expect(stderr).toBe(
      `queryflow: Cannot reach PostgreSQL at 127.0.0.1:${port}: connection refused. Is the server running, and is DATABASE_URL right?`,
    );
  });

  it("when DATABASE_URL has a wrong password, without showing it", async () => {
    const url = new URL(inject("adminUrl"));
    url.password = "not-the-password";
    const { code, stderr } = await start({ PORT: String(await freePort()), DATABASE_URL: url.toString() });
    expect(code).toBe(1);
    expect(stderr).toBe(
      `queryflow: PostgreSQL at 127.0.0.1:${url.port} rejected the password for user "postgres". Check the password in DATABASE_URL.`,
    );
    expect(stderr).not.toContain("not-the-password");
  });
});

describe("npm start as a supervisor", () => {
  const appEnv = async (name: string) => ({
    PORT: String(await freePort()),
    EMBEDDED_POSTGRES_PORT: String(await freePort()),
    EMBEDDED_POSTGRES_DIR: path.join(dataDir, name, "postgres"),
  });
  /** The pid of the child of `parent` whose command line contains `text`. */
  const childPid = (parent: number, text: string) => {
    const { stdout } = spawnSync("ps", ["-o", "pid=,args=", "--ppid", String(parent)], { encoding: "utf8" });
    const line = stdout.split("\n").find((entry) => entry.includes(text));
    return Number(line?.trim().split(/\s+/)[0]);
  };

  it("stops the app and exits 1 when its embedded PostgreSQL is killed", async () => {
    const env = await appEnv("db-killed");
    const app = launch(env);
    await app.printed("sign-up is");
    const postmaster = Number(
      readFileSync(path.join(env.EMBEDDED_POSTGRES_DIR, "postmaster.pid"), "utf8").split("\n")[0],
    );
    process.kill(postmaster, "SIGKILL");
    const { code, stderr } = await app.exited;
    expect(code).toBe(1);
    expect(stderr).toContain(
      "queryflow: the embedded PostgreSQL stopped unexpectedly (SIGKILL); stopping the app",
    );
  }, 300_000);

  it("stops the database and exits 1 when its web process is killed, instead of hanging", async () => {
    const env = await appEnv("web-killed");
    const app = launch(env);
    await app.printed("ready at");
    process.kill(childPid(app.child.pid!, "scripts/serve.ts"), "SIGKILL");
    const { code, stderr } = await app.exited;
    expect(code).toBe(1);
    expect(stderr).toContain("queryflow: the web app exited (SIGKILL); stopping");
    // The embedded PostgreSQL was stopped too: its port is free.
    await expect(
      assertPortFree(Number(env.EMBEDDED_POSTGRES_PORT), "PostgreSQL", "EMBEDDED_POSTGRES_PORT"),
    ).resolves.toBeUndefined();
  }, 300_000);
});
