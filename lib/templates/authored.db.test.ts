import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { compositionDocumentSchema } from "@/lib/compositions/schema";
import { createComposition, updateComposition } from "@/lib/compositions/service";
import { dataSourceDeps } from "@/lib/data-sources/deps";
import { createDataSource, type DataSourceDeps } from "@/lib/data-sources/service";
import { getResultPage } from "@/lib/engine/read";
import { startRun } from "@/lib/engine/start-run";
import { parseEnv } from "@/lib/env";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { makeUser, startTestWorker, waitForRun } from "@/lib/testing/engine";
import { SHOP_PASSWORD, startShopDatabase } from "@/lib/testing/shop-database";
import type { RunningWorker } from "@/lib/worker/worker";
import {
  createTemplate,
  deactivateTemplate,
  getTemplateVersion,
  listTemplateVersions,
  updateTemplate,
} from "./authored";
import { getTemplateOrThrow, listTemplates } from "./service";

let shop: Awaited<ReturnType<typeof startShopDatabase>>;
let database: TestDatabase;
let worker: RunningWorker;
let deps: DataSourceDeps;
let alice: SessionUser;
let bob: SessionUser;
let sourceId: string;

const V1 = "SELECT id, amount FROM orders WHERE amount > :min ORDER BY id";
const V2 = "SELECT id, amount * 2 AS amount FROM orders WHERE amount > :min ORDER BY id";
const body = (sql: string, isPublic = false) => ({
  name: "Big orders",
  description: "",
  category: "Shop",
  kind: "sql" as const,
  dataSourceId: sourceId,
  definition: { sql },
  chartConfig: null,
  isPublic,
});

beforeAll(async () => {
  shop = await startShopDatabase();
  database = await createTestDatabase();
  deps = {
    ...dataSourceDeps(database.db, database.url),
    env: parseEnv({ ...process.env, DATABASE_URL: database.url }),
  };
  alice = await makeUser(database, "alice");
  bob = await makeUser(database, "bob");
  sourceId = (
    await createDataSource(
      database.db,
      alice,
      {
        name: "Shop",
        kind: "postgres",
        connection: {
          host: "127.0.0.1",
          port: shop.port,
          database: "shop",
          user: "analyst",
          password: SHOP_PASSWORD,
          sslMode: "disable",
        },
        shared: false,
      },
      deps,
    )
  ).id;
  worker = await startTestWorker(database);
}, 120_000);
afterAll(async () => {
  await worker.stop();
  await database.drop();
  await shop.stop();
});

async function runAndRead(user: SessionUser, compositionId: string) {
  const execution = await startRun(database.db, user, compositionId, { parameters: {}, trigger: "manual" });
  const { execution: run } = await waitForRun(database, execution.id);
  expect(run.status).toBe("completed");
  const page = await getResultPage(database.db, user, execution.id, "orders", {
    offset: 0,
    limit: 1000,
    order: "asc",
  });
  return page.rows as { id: number; amount: number }[];
}

describe("a SQL template written in the app", () => {
  it("infers its parameters and outputs, runs in a composition on the real worker, and a run executes the version its snapshot recorded", async () => {
    const template = await createTemplate(database.db, alice, body(V1), deps);
    expect(template).toMatchObject({
      version: 1,
      builtIn: false,
      canEdit: true,
      parameters: [{ name: "min", type: "number", required: true }],
      outputs: [
        { name: "id", type: "integer" },
        { name: "amount", type: "number" },
      ],
    });
    const document = compositionDocumentSchema.parse({
      name: "Big orders",
      nodes: [{ nodeId: "orders", templateId: template.templateId, parameterOverrides: { min: 400 } }],
    });
    const composition = await createComposition(database.db, alice, document);
    const direct = await shop.sql<{ id: number; amount: number }>(
      "SELECT id, amount::float8 AS amount FROM orders WHERE amount > 400 ORDER BY id",
    );
    expect(await runAndRead(alice, composition.id)).toEqual(direct);

    const saved = await updateTemplate(database.db, alice, template.templateId, body(V2), deps);
    expect(saved.version).toBe(2);
    // The composition was not edited: its snapshot (and the template version it recorded) stands.
    expect(await runAndRead(alice, composition.id)).toEqual(direct);
    // Saved again, the composition's new snapshot takes version 2.
    await updateComposition(database.db, alice, composition.id, {
      ...document,
      version: composition.version,
    });
    expect(await runAndRead(alice, composition.id)).toEqual(
      direct.map((row) => ({ ...row, amount: row.amount * 2 })),
    );

    expect(
      (await listTemplateVersions(database.db, alice, template.templateId)).map((v) => v.version),
    ).toEqual([2, 1]);
    expect((await getTemplateVersion(database.db, alice, template.templateId, 1)).definition).toEqual({
      sql: V1,
    });
  });

  it("is private until made public; public on a private source, it is visible to others but does not run for them", async () => {
    const template = await createTemplate(database.db, alice, { ...body(V1), name: "Alice's orders" }, deps);
    await expect(getTemplateOrThrow(database.db, bob, template.templateId)).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await listTemplates(database.db, bob)).map((t) => t.templateId)).not.toContain(
      template.templateId,
    );
    const borrowing = compositionDocumentSchema.parse({
      name: "Bob borrows",
      nodes: [{ nodeId: "orders", templateId: template.templateId, parameterOverrides: { min: 1 } }],
    });
    await expect(createComposition(database.db, bob, borrowing)).rejects.toMatchObject({
      code: "bad_request",
      issues: [expect.objectContaining({ code: "unknown_template" })],
    });

    await updateTemplate(
      database.db,
      alice,
      template.templateId,
      { ...body(V1, true), name: "Alice's orders" },
      deps,
    );
    expect((await getTemplateOrThrow(database.db, bob, template.templateId)).canEdit).toBe(false);
    await expect(updateTemplate(database.db, bob, template.templateId, body(V2), deps)).rejects.toMatchObject(
      {
        code: "forbidden",
      },
    );
    const composition = await createComposition(database.db, bob, borrowing);
    expect(composition.issues).toEqual([
      expect.objectContaining({ code: "data_source_not_usable", nodeId: "orders", severity: "semantic" }),
    ]);
    await expect(
      startRun(database.db, bob, composition.id, { parameters: {}, trigger: "manual" }),
    ).rejects.toMatchObject({
      code: "unprocessable_entity",
      message: expect.stringContaining("data source you may not use"),
    });
  });

  it("refuses parameters that are not the SQL's, edits of the catalog, and keeps versions when deactivated", async () => {
    await expect(
      createTemplate(
        database.db,
        alice,
        { ...body(V1), parameters: [{ name: "max", type: "number", required: true, description: "" }] },
        deps,
      ),
    ).rejects.toMatchObject({ code: "bad_request", message: expect.stringContaining(":min") });
    await expect(updateTemplate(database.db, alice, "top_campaigns", body(V1), deps)).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringContaining("duplicate it"),
    });
    const template = await createTemplate(database.db, alice, body(V1), deps);
    await deactivateTemplate(database.db, alice, template.templateId);
    expect((await getTemplateOrThrow(database.db, alice, template.templateId)).isActive).toBe(false);
    expect(await listTemplateVersions(database.db, alice, template.templateId)).toHaveLength(1);
  });
});
