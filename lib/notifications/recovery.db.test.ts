import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/user";
import { compositionDocumentSchema } from "@/lib/compositions/schema";
import { createComposition } from "@/lib/compositions/service";
import { startRun } from "@/lib/engine/start-run";
import { parseEnv } from "@/lib/env";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { makeUser, startTestWorker } from "@/lib/testing/engine";
import { until } from "@/lib/testing/until";
import type { RunningWorker } from "@/lib/worker/worker";
import { createRule } from "./rules";
import { createRuleBodySchema } from "./schema";

// A worker killed while it sends a notification: the delivery's job is freed once its lock outlives
// the task's lockTimeoutMs (lib/jobs/tasks.ts), and another worker sends it.

let database: TestDatabase;
let worker: RunningWorker | undefined;
let alice: SessionUser;
let http: Server;
let base = "";
let calls = 0;
let answerCalls = false;

beforeAll(async () => {
  http = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      calls += 1;
      // The first call hangs, as a slow receiver would, until its worker is killed.
      if (answerCalls) response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  database = await createTestDatabase();
  alice = await makeUser(database, "alice");
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await database.drop();
  http.closeAllConnections();
  await new Promise((resolve) => http.close(resolve));
});

describe("a notification whose worker is killed mid-delivery", () => {
  it("is sent by another worker once its job's lock times out", async () => {
    const settings = { HTTP_ALLOWLIST: "127.0.0.1" };
    const composition = await createComposition(
      database.db,
      alice,
      compositionDocumentSchema.parse({
        name: "Fails",
        globalParameters: { url: "http://127.0.0.1:9/" },
        nodes: [{ nodeId: "call", templateId: "http_request", config: { maxRetries: 0 } }],
      }),
    );
    const rule = await createRule(
      database.db,
      alice,
      createRuleBodySchema.parse({
        compositionId: composition.id,
        events: ["failure"],
        channel: { type: "webhook", url: `${base}/hook` },
      }),
      parseEnv({ ...process.env, DATABASE_URL: database.url, ...settings }),
    );
    const doomed = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
      env: { ...process.env, DATABASE_URL: database.url, WORKER_CONCURRENCY: "2", ...settings },
      stdio: "ignore",
    });
    await startRun(database.db, alice, composition.id, { parameters: {}, trigger: "api" });
    // Readiness: the doomed worker is in the middle of the delivery's call.
    await until(async () => calls === 1, { timeoutMs: 60_000 });
    doomed.kill("SIGKILL");
    await new Promise((resolve) => doomed.once("exit", resolve));
    answerCalls = true;
    worker = await startTestWorker(database, { ...settings, HEARTBEAT_TIMEOUT_MS: "1500" });
    const delivery = await until(
      () => database.db.notificationDelivery.findFirst({ where: { ruleId: rule.id, status: "delivered" } }),
      { timeoutMs: 60_000 },
    );
    expect(delivery.deliveredAt).not.toBeNull();
    expect(calls).toBe(2);
  }, 120_000);
});
