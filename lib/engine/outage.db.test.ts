import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compositionDocumentSchema } from "@/lib/compositions/schema";
import { createComposition } from "@/lib/compositions/service";
import { createDb, type Db } from "@/lib/db/client";
import { type EmbeddedDatabase, passwordFileOf, startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { installJobQueue } from "@/lib/jobs/queue";
import { seed } from "@/lib/start/seed";
import { freePort } from "@/lib/testing/free-port";
import { startRun } from "./start-run";

// A PostgreSQL of this file's own, restarted under a running `npm run worker`.
const dir = mkdtempSync(path.join(tmpdir(), "queryflow-restart-"));
chmodSync(dir, 0o755);
let port: number;
let server: EmbeddedDatabase;
let db: Db;
let worker: ChildProcess | undefined;

beforeAll(async () => {
  port = await freePort();
  server = await startEmbeddedPostgres({ dir, port });
  await migrate(server.url);
  await installJobQueue(server.url);
  db = createDb(server.url, { max: 2 });
  await seed(db, server.url);
}, 120_000);
afterAll(async () => {
  worker?.kill("SIGKILL");
  await db.$disconnect();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
  rmSync(passwordFileOf(dir), { force: true });
});

describe("a database restart under a running worker process", () => {
  it("loses no run and does not end the worker", async () => {
    const row = await db.user.create({
      data: { id: "restart", name: "Restart", email: "restart@example.com" },
    });
    const user = { id: row.id, name: row.name, email: row.email, role: "admin" as const };
    const composition = await createComposition(
      db,
      user,
      compositionDocumentSchema.parse({
        name: "Across a restart",
        nodes: [
          { nodeId: "wait", templateId: "delay", parameterOverrides: { milliseconds: 2_000 } },
          { nodeId: "after", templateId: "echo" },
        ],
        connections: [{ connectionId: "e", sourceNodeId: "wait", targetNodeId: "after" }],
      }),
    );
    const runs = await Promise.all(
      [1, 2, 3].map(() => startRun(db, user, composition.id, { parameters: {}, trigger: "manual" })),
    );
    let stderr = "";
    worker = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: server.url,
        HEARTBEAT_TIMEOUT_MS: "3000",
        RETRY_BASE_DELAY_MS: "100",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    worker.stderr!.on("data", (chunk) => {
      stderr += chunk;
    });
    let exitedWith: number | string | null = null;
    worker.on("exit", (code, signal) => {
      exitedWith = code ?? signal;
    });

    // Restart the database while the delays run.
    for (;;) {
      const running = await db.workflowExecution.count({ where: { status: "running" } });
      if (running > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await server.stop();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    server = await startEmbeddedPostgres({ dir, port });

    const deadline = Date.now() + 60_000;
    for (;;) {
      const finished = await db.compositionExecution.findMany({
        where: { id: { in: runs.map((run) => run.id) }, finishedAt: { not: null } },
        select: { status: true },
      });
      if (finished.length === runs.length) {
        expect(finished.map((run) => run.status)).toEqual(["completed", "completed", "completed"]);
        break;
      }
      expect(Date.now(), `runs unfinished; worker said:\n${stderr}`).toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(exitedWith).toBeNull();
    expect(stderr).not.toMatch(/Unhandled|triggerUncaughtException/);
  }, 120_000);
});
