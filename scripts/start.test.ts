import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "@/lib/testing/global-setup";

/** Runs `npm start`'s script with the given environment; resolves with its exit code and stderr. */
function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("exit", (code) => resolve({ code, stderr: stderr.trim() }));
  });
}

let occupied: Server;
let occupiedPort: number;
let dataDir: string;

beforeAll(async () => {
  occupied = createServer();
  await new Promise<void>((resolve) => occupied.listen(0, "127.0.0.1", resolve));
  occupiedPort = (occupied.address() as { port: number }).port;
  dataDir = mkdtempSync(path.join(tmpdir(), "queryflow-start-"));
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
