import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/user";
import { compositionDocumentSchema } from "@/lib/compositions/schema";
import { createComposition } from "@/lib/compositions/service";
import { startRun } from "@/lib/engine/start-run";
import { type Env, parseEnv } from "@/lib/env";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { makeUser, startTestWorker, waitForRun } from "@/lib/testing/engine";
import type { RunningWorker } from "@/lib/worker/worker";
import { listInbox, markRead } from "./inbox";
import { createRule, listRules } from "./rules";
import { createRuleBodySchema } from "./schema";

// Notifications on the real worker: a local HTTP server and a real SMTP server (smtp-server)
// receive what a finished run sends.

let database: TestDatabase;
let worker: RunningWorker;
let alice: SessionUser;
let bob: SessionUser;
let env: Env;
let http: Server;
let smtp: SMTPServer;
let base = "";
const posts: { path: string; body: Record<string, unknown> }[] = [];
const mails: string[] = [];
let inFlight = 0;
let mostInFlight = 0;

beforeAll(async () => {
  http = createServer((request, response) => {
    let text = "";
    request.on("data", (chunk) => {
      text += chunk;
    });
    request.on("end", () => {
      if (request.url === "/ok") return response.writeHead(200).end("fine");
      if (request.url?.startsWith("/slow")) {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        setTimeout(() => {
          inFlight -= 1;
          response.writeHead(204).end();
        }, 100);
        return;
      }
      if (request.url === "/broken") return response.writeHead(500).end("down for maintenance");
      posts.push({ path: request.url!, body: JSON.parse(text || "{}") });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, callback) {
      let text = "";
      stream.on("data", (chunk) => {
        text += chunk;
      });
      stream.on("end", () => {
        mails.push(text);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  database = await createTestDatabase();
  alice = await makeUser(database, "alice");
  bob = await makeUser(database, "bob");
  const settings = { HTTP_ALLOWLIST: "127.0.0.1", SMTP_URL: smtpUrl };
  env = parseEnv({ ...process.env, DATABASE_URL: database.url, ...settings });
  worker = await startTestWorker(database, settings);
}, 60_000);
afterAll(async () => {
  await worker.stop();
  await database.drop();
  await new Promise((resolve) => http.close(resolve));
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

/** A composition whose one node calls `url` (a run parameter): loopback port 9 fails at once. */
async function caller(name: string) {
  return createComposition(
    database.db,
    alice,
    compositionDocumentSchema.parse({
      name,
      globalParameters: { url: `${base}/ok` },
      nodes: [{ nodeId: "call", templateId: "http_request", config: { maxRetries: 0 } }],
    }),
  );
}
const FAIL = "http://127.0.0.1:9/";

async function run(compositionId: string, url?: string) {
  const execution = await startRun(database.db, alice, compositionId, {
    parameters: url ? { url } : {},
    trigger: "api",
  });
  return (await waitForRun(database, execution.id)).execution;
}

/**
 * Waits until every finished run's rules were evaluated and every delivery tried at least once
 * (their jobs gone or retried), then answers the rules' deliveries.
 */
async function settled(ruleIds: string[]) {
  for (let i = 0; i < 300; i++) {
    const [{ waiting }] = (await database.sql<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM graphile_worker.jobs
       WHERE task_identifier = 'notify_run' OR (task_identifier = 'deliver_notification' AND (attempts = 0 OR locked_at IS NOT NULL))`,
    )) as [{ waiting: number }];
    if (waiting === 0)
      return database.db.notificationDelivery.findMany({
        where: { ruleId: { in: ruleIds } },
        orderBy: { createdAt: "asc" },
      });
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the notification jobs did not settle");
}

const rule = (body: unknown, user = alice) =>
  createRule(database.db, user, createRuleBodySchema.parse(body), env);

describe("notifications", () => {
  it("a failing run delivers exactly one webhook, one e-mail and one in-app notification", async () => {
    const composition = await caller("Nightly export");
    const rules = await Promise.all([
      rule({
        compositionId: composition.id,
        events: ["failure"],
        channel: { type: "webhook", url: `${base}/hook` },
      }),
      rule({
        compositionId: composition.id,
        events: ["failure"],
        channel: { type: "email", to: "ops@example.com" },
      }),
      rule({ compositionId: composition.id, events: ["failure", "success"], channel: { type: "in_app" } }),
    ]);
    const failed = await run(composition.id, FAIL);
    expect(failed.status).toBe("failed");
    const deliveries = await settled(rules.map((r) => r.id));
    expect(deliveries.map((d) => [d.event, d.status])).toEqual([
      ["failure", "delivered"],
      ["failure", "delivered"],
      ["failure", "delivered"],
    ]);

    const hooks = posts.filter((post) => post.path === "/hook");
    expect(hooks).toHaveLength(1);
    expect(hooks[0]!.body).toMatchObject({
      event: "failure",
      title: "Nightly export failed",
      run: { id: failed.id, status: "failed", error: expect.stringContaining('Node "call" failed') },
      composition: { id: composition.compositionId, name: "Nightly export" },
      link: expect.stringContaining(`/executions/${failed.id}`),
    });
    const mail = mails.filter((text) => text.includes("Nightly export"));
    expect(mail).toHaveLength(1);
    expect(mail[0]).toContain("To: ops@example.com");
    expect(mail[0]).toContain("Subject: [QueryFlow] Nightly export failed");

    const inbox = await listInbox(database.db, alice);
    expect(inbox.unread).toBe(1);
    expect(inbox.notifications[0]).toMatchObject({ title: "Nightly export failed", read: false });
    expect((await markRead(database.db, alice, {})).unread).toBe(0);

    // Each delivery and its outcome is on the rule (what the composition's page shows).
    const [listed] = await listRules(database.db, alice, { compositionId: composition.id });
    expect(listed!.deliveries).toEqual([
      expect.objectContaining({ event: "failure", status: "delivered", attempts: 1 }),
    ]);
  });

  it("fires on recovery and after N failures in a row once each", async () => {
    const composition = await caller("Flaky feed");
    const watch = await rule({
      compositionId: composition.id,
      events: ["recovery", "consecutive_failures"],
      channel: { type: "in_app" },
      consecutiveFailures: 2,
    });
    for (const url of [FAIL, FAIL, FAIL, `${base}/ok`, `${base}/ok`, FAIL]) await run(composition.id, url);
    const events = (await settled([watch.id])).map((delivery) => delivery.event);
    expect(events).toEqual(["consecutive_failures", "recovery"]);
  });

  it("fires for a run slower than the rule's time", async () => {
    const composition = await createComposition(
      database.db,
      alice,
      compositionDocumentSchema.parse({
        name: "Slow",
        nodes: [{ nodeId: "wait", templateId: "delay", parameterOverrides: { milliseconds: 300 } }],
      }),
    );
    const watch = await rule({
      compositionId: composition.id,
      events: ["slow"],
      channel: { type: "in_app" },
      slowAfterMs: 200,
    });
    await run(composition.id);
    expect((await settled([watch.id])).map((delivery) => delivery.event)).toEqual(["slow"]);
    expect((await listInbox(database.db, alice)).notifications[0]!.title).toBe("Slow was slow");
  });

  it("records a delivery that fails — a webhook that answers 500, one on an internal address — with the reason", async () => {
    const composition = await caller("Guarded");
    const rules = await Promise.all([
      rule({
        compositionId: composition.id,
        events: ["success"],
        channel: { type: "webhook", url: `${base}/broken` },
      }),
      rule({
        compositionId: composition.id,
        events: ["success"],
        channel: { type: "webhook", url: "http://169.254.169.254/latest/meta-data" },
      }),
    ]);
    await run(composition.id, `${base}/ok`);
    const deliveries = await settled(rules.map((r) => r.id));
    const byRule = new Map(deliveries.map((d) => [d.ruleId, d]));
    expect(byRule.get(rules[0]!.id)).toMatchObject({
      status: "pending",
      lastError: "The webhook answered 500: down for maintenance",
    });
    expect(byRule.get(rules[1]!.id)!.lastError).toMatch(
      /^Refused to call 169\.254\.169\.254: .*an internal address/,
    );
  });

  it("is only made on what the user may read, and e-mail only when an SMTP server is set", async () => {
    const composition = await caller("Private");
    await expect(
      rule({ compositionId: composition.id, events: ["failure"], channel: { type: "in_app" } }, bob),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      createRule(
        database.db,
        alice,
        createRuleBodySchema.parse({
          compositionId: composition.id,
          events: ["failure"],
          channel: { type: "email", to: "a@b.co" },
        }),
        parseEnv({ ...process.env, DATABASE_URL: database.url }),
      ),
    ).rejects.toMatchObject({ code: "bad_request", message: expect.stringContaining("SMTP_URL") });
    expect(() =>
      createRuleBodySchema.parse({ compositionId: "x", events: ["slow"], channel: { type: "in_app" } }),
    ).toThrow(/slowAfterMs/);
  });

  it("stops once the rule's owner may no longer see the composition: made private, nothing more is sent", async () => {
    const composition = await caller("Public, then private");
    await database.db.composition.update({ where: { id: composition.id }, data: { isPublic: true } });
    // Bob's rule on alice's public composition delivers to his bell while he may see it.
    const watching = await rule(
      { compositionId: composition.id, events: ["failure"], channel: { type: "in_app" } },
      bob,
    );
    await run(composition.id, FAIL);
    const [first] = await settled([watching.id]);
    expect(first).toMatchObject({ status: "delivered" });
    await database.db.composition.update({
      where: { id: composition.id },
      data: { isPublic: false, name: "Secret plans" },
    });
    await run(composition.id, FAIL);
    const deliveries = await settled([watching.id]);
    expect(deliveries).toHaveLength(2);
    expect(deliveries[1]).toMatchObject({
      status: "failed",
      lastError: expect.stringContaining("no longer see"),
    });
    const inbox = await listInbox(database.db, bob);
    expect(inbox.notifications.map((notification) => notification.title)).not.toContainEqual(
      expect.stringContaining("Secret plans"),
    );
    expect(inbox.notifications).toHaveLength(1);
  });

  it("sends one user's many notifications one after another, holding one worker slot", async () => {
    const composition = await caller("Fans out");
    const rules = [];
    for (let i = 0; i < 6; i++)
      rules.push(
        await rule({
          compositionId: composition.id,
          events: ["failure"],
          channel: { type: "webhook", url: `${base}/slow/${i}` },
        }),
      );
    await run(composition.id, FAIL);
    const deliveries = await settled(rules.map((made) => made.id));
    expect(deliveries.map((delivery) => delivery.status)).toEqual(Array(6).fill("delivered"));
    expect(mostInFlight).toBe(1);
  });
});
