import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/user";
import { compositionDocumentSchema } from "@/lib/compositions/schema";
import { createComposition } from "@/lib/compositions/service";
import { resealSecrets } from "@/lib/data-sources/rotate";
import { keyRing } from "@/lib/data-sources/service";
import { type Env, parseEnv } from "@/lib/env";
import { secretKeyFrom } from "@/lib/security/secret-box";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { makeUser } from "@/lib/testing/engine";
import { createWorkflow } from "@/lib/workflows/service";
import { callHook } from "./hooks";
import { createTriggerBodySchema } from "./schema";
import { createTrigger, deleteTrigger, listTriggers, updateTrigger } from "./service";

const APP = "http://queryflow.test";
let database: TestDatabase;
let alice: SessionUser;
let bob: SessionUser;
let env: Env;
let compositionId: string;

const hookIdOf = (url: string) => url.split("/api/hooks/")[1]!;
const sign = (secret: string, body: string) =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
const runs = async () =>
  (await database.sql<{ n: number }>("SELECT count(*)::int AS n FROM composition_executions"))[0]!.n;

beforeAll(async () => {
  database = await createTestDatabase();
  alice = await makeUser(database, "alice");
  bob = await makeUser(database, "bob");
  env = parseEnv({ ...process.env, DATABASE_URL: database.url });
  const composition = await createComposition(
    database.db,
    alice,
    compositionDocumentSchema.parse({
      name: "Hooked",
      globalParameters: { message: "hello" },
      nodes: [{ nodeId: "say", templateId: "echo" }],
    }),
  );
  compositionId = composition.compositionId;
});
afterAll(() => database.drop());

const webhook = async (signed = false) =>
  createTrigger(database.db, alice, { compositionId }, createTriggerBodySchema.parse({ signed }), env, APP);

describe("a webhook trigger", () => {
  it("starts a run as its creator with the body as run parameters, marked as a webhook's", async () => {
    const { trigger } = await webhook();
    expect(trigger.url).toMatch(/^http:\/\/queryflow\.test\/api\/hooks\/[A-Za-z0-9_-]{32}$/);
    const execution = await callHook(database.db, env, {
      hookId: hookIdOf(trigger.url),
      body: JSON.stringify({ message: "from a webhook" }),
      signature: null,
    });
    const row = await database.db.compositionExecution.findUniqueOrThrow({ where: { id: execution.id } });
    expect(row).toMatchObject({
      trigger: "webhook",
      triggeredById: alice.id,
      parameters: { message: "from a webhook" },
    });
    const [listed] = await listTriggers(database.db, alice, { compositionId }, APP);
    expect(listed!.lastCalledAt).not.toBeNull();
  });

  it("made by an admin on carol's composition has carol's rights, not the admin's: bob's private source is refused", async () => {
    const admin: SessionUser = { ...(await makeUser(database, "root")), role: "admin" };
    await database.db.user.update({ where: { id: admin.id }, data: { role: "admin" } });
    const carol = await database.db.user.update({
      where: { id: (await makeUser(database, "carol")).id },
      data: { role: "user" },
    });
    const source = await database.db.dataSource.create({
      data: { name: "Bob's private", kind: "duckdb", ownerId: bob.id, isShared: false },
    });
    await database.db.template.create({
      data: {
        templateId: "bobs_rows",
        name: "Bob's rows",
        builtIn: true,
        kind: "sql",
        definition: { sql: "SELECT 1 AS one" },
        parameterSchema: [],
        outputSchema: [{ name: "one", type: "integer" }],
        dataSourceId: source.id,
      },
    });
    const reading = await createComposition(
      database.db,
      admin,
      compositionDocumentSchema.parse({
        name: "Reads bob's",
        nodes: [{ nodeId: "q", templateId: "bobs_rows" }],
      }),
    );
    await database.db.composition.update({ where: { id: reading.id }, data: { ownerId: carol.id } });
    const { trigger } = await createTrigger(
      database.db,
      admin,
      { compositionId: reading.compositionId },
      createTriggerBodySchema.parse({}),
      env,
      APP,
    );
    const before = await runs();
    await expect(
      callHook(database.db, env, { hookId: hookIdOf(trigger.url), body: "{}", signature: null }),
    ).rejects.toMatchObject({
      code: "unprocessable_entity",
      issues: [expect.objectContaining({ code: "data_source_not_usable", nodeId: "q" })],
    });
    expect(await runs()).toBe(before);
  });

  it("refuses parameters the run does not take or that do not fit, and a body that is not an object; nothing starts", async () => {
    const { trigger } = await webhook();
    const before = await runs();
    const call = (body: string) =>
      callHook(database.db, env, { hookId: hookIdOf(trigger.url), body, signature: null });
    await expect(call('{"colour": "blue"}')).rejects.toMatchObject({
      code: "bad_request",
      message: 'Unknown run parameter "colour": this run takes "message".',
    });
    await expect(call('{"message": 5}')).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringMatching(/^Run parameter "message"/),
    });
    await expect(call("[1, 2]")).rejects.toMatchObject({ code: "bad_request" });
    await expect(call("{not json")).rejects.toMatchObject({ code: "bad_request" });
    expect(await runs()).toBe(before);
  });

  it("signed: a call without the body's HMAC is 401 and starts nothing; with it, the run starts — also after the key is rotated", async () => {
    const { trigger } = await webhook(true);
    const secret = trigger.secret;
    expect(secret).toMatch(/^whsec_/);
    const body = '{"message": "signed"}';
    const call = (signature: string | null, withEnv = env) =>
      callHook(database.db, withEnv, { hookId: hookIdOf(trigger.url), body, signature });
    const before = await runs();
    await expect(call(null)).rejects.toMatchObject({ code: "unauthorized" });
    await expect(call(sign("whsec_wrong", body))).rejects.toMatchObject({ code: "unauthorized" });
    await expect(call(sign(secret!, `${body} `))).rejects.toMatchObject({ code: "unauthorized" });
    expect(await runs()).toBe(before);
    await call(sign(secret!, body));
    expect(await runs()).toBe(before + 1);

    const next = "n".repeat(40);
    await resealSecrets(database.db, keyRing(env), secretKeyFrom(next));
    await call(sign(secret!, body), { ...env, QUERYFLOW_SECRET_KEY: next });
    expect(await runs()).toBe(before + 2);
    await resealSecrets(database.db, [secretKeyFrom(next)], keyRing(env)[0]!);
  });

  it("answers 404 once switched off or deleted, and 429 past its rate limit", async () => {
    const { trigger } = await webhook();
    const call = () =>
      callHook(database.db, env, { hookId: hookIdOf(trigger.url), body: "", signature: null });
    await updateTrigger(database.db, alice, trigger.id, { enabled: false }, APP);
    await expect(call()).rejects.toMatchObject({ code: "not_found" });
    await updateTrigger(database.db, alice, trigger.id, { enabled: true }, APP);
    // The limit (5 a minute here) counts the calls of all of a user's webhooks in the current minute:
    // three calls on each of two hooks of one user within a minute are five runs and one 429 (tried
    // again, by a new user, should the minute turn meanwhile).
    for (let attempt = 0; ; attempt++) {
      const owner = await makeUser(database, `limited${attempt}`);
      const theirs = await createComposition(
        database.db,
        owner,
        compositionDocumentSchema.parse({ name: "Theirs", nodes: [{ nodeId: "say", templateId: "echo" }] }),
      );
      const hooks = await Promise.all(
        [0, 1].map(async () =>
          hookIdOf(
            (
              await createTrigger(
                database.db,
                owner,
                { compositionId: theirs.compositionId },
                createTriggerBodySchema.parse({}),
                env,
                APP,
              )
            ).trigger.url,
          ),
        ),
      );
      const minute = Math.floor(Date.now() / 60_000);
      const results = await Promise.allSettled(
        Array.from({ length: 6 }, (_, index) =>
          callHook(
            database.db,
            { ...env, WEBHOOK_RATE_LIMIT: 5 },
            { hookId: hooks[index % 2]!, body: "", signature: null },
          ),
        ),
      );
      if (Math.floor(Date.now() / 60_000) !== minute) continue;
      const codes = results.map((r) =>
        r.status === "fulfilled" ? "started" : (r.reason as { code: string }).code,
      );
      expect(codes.filter((code) => code === "started")).toHaveLength(5);
      expect(codes.filter((code) => code === "too_many_requests")).toHaveLength(1);
      break;
    }
    await deleteTrigger(database.db, alice, trigger.id);
    await expect(call()).rejects.toMatchObject({ code: "not_found" });
    for (const hookId of ["made-up", "nul\u0000byte", "x".repeat(500)]) {
      await expect(callHook(database.db, env, { hookId, body: "", signature: null })).rejects.toMatchObject({
        code: "not_found",
      });
    }
  });

  it("is not another user's to see, make, switch or delete", async () => {
    const { trigger } = await webhook();
    await expect(listTriggers(database.db, bob, { compositionId }, APP)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      createTrigger(database.db, bob, { compositionId }, createTriggerBodySchema.parse({}), env, APP),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(updateTrigger(database.db, bob, trigger.id, { enabled: false }, APP)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(deleteTrigger(database.db, bob, trigger.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("of a standalone workflow runs it with the body over its saved parameters", async () => {
    const workflow = await createWorkflow(database.db, alice, {
      name: "Say",
      description: "",
      templateId: "echo",
      parameters: { message: "saved" },
    });
    const { trigger } = await createTrigger(
      database.db,
      alice,
      { workflowId: workflow.id },
      createTriggerBodySchema.parse({}),
      env,
      APP,
    );
    const run = await callHook(database.db, env, {
      hookId: hookIdOf(trigger.url),
      body: '{"message": "hooked"}',
      signature: null,
    });
    const row = await database.db.workflowExecution.findUniqueOrThrow({ where: { id: run.id } });
    expect(row).toMatchObject({ trigger: "webhook", input: { message: "hooked" } });
    await expect(
      callHook(database.db, env, { hookId: hookIdOf(trigger.url), body: '{"nope": 1}', signature: null }),
    ).rejects.toMatchObject({ code: "bad_request" });
  });
});
