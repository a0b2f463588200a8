import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/user";
import { compositionDocumentSchema } from "@/lib/compositions/schema";
import { createComposition, updateComposition } from "@/lib/compositions/service";
import { getResultPage } from "@/lib/engine/read";
import { startRun } from "@/lib/engine/start-run";
import { withShopSource } from "@/lib/testing/data-source-deps";
import { startTestWorker, waitForRun } from "@/lib/testing/engine";
import type { RunningWorker } from "@/lib/worker/worker";
import {
  createTemplate,
  deactivateTemplate,
  getTemplateVersion,
  listTemplateVersions,
  updateTemplate,
} from "./authored";
import { getTemplateOrThrow, listTemplates } from "./service";
import { templatesForGraph } from "./versions";

let fixture: Awaited<ReturnType<typeof withShopSource>>;
let worker: RunningWorker;
const V1 = "SELECT id, amount FROM orders WHERE amount > :min ORDER BY id";
const V2 = "SELECT id, amount * 2 AS amount FROM orders WHERE amount > :min ORDER BY id";
const body = (sql: string, isPublic = false) => ({
  name: "Big orders",
  description: "",
  category: "Shop",
  kind: "sql" as const,
  dataSourceId: fixture.sourceId,
  definition: { sql },
  chartConfig: null,
  isPublic,
});

beforeAll(async () => {
  fixture = await withShopSource();
  worker = await startTestWorker(fixture.database);
}, 120_000);
afterAll(async () => {
  await worker.stop();
  await fixture.stop();
});

async function runAndRead(user: SessionUser, compositionId: string) {
  const execution = await startRun(fixture.database.db, user, compositionId, {
    parameters: {},
    trigger: "manual",
  });
  const { execution: run } = await waitForRun(fixture.database, execution.id);
  expect(run.status).toBe("completed");
  const page = await getResultPage(fixture.database.db, user, execution.id, "orders", {
    offset: 0,
    limit: 1000,
    order: "asc",
  });
  return page.rows as { id: number; amount: number }[];
}

describe("a SQL template written in the app", () => {
  it("infers its parameters and outputs, runs in a composition on the real worker, and a run executes the version its node is pinned to", async () => {
    const template = await createTemplate(fixture.database.db, fixture.alice, body(V1), fixture.deps);
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
    const composition = await createComposition(fixture.database.db, fixture.alice, document);
    const direct = await fixture.shop.sql<{ id: number; amount: number }>(
      "SELECT id, amount::float8 AS amount FROM orders WHERE amount > 400 ORDER BY id",
    );
    expect(await runAndRead(fixture.alice, composition.id)).toEqual(direct);

    const saved = await updateTemplate(
      fixture.database.db,
      fixture.alice,
      template.templateId,
      body(V2),
      fixture.deps,
    );
    expect(saved.version).toBe(2);
    // The composition was not edited: its snapshot (and the template version it recorded) stands.
    expect(await runAndRead(fixture.alice, composition.id)).toEqual(direct);
    // Its node is pinned to version 1: saved again as it is, it still runs version 1.
    expect(composition.nodes[0]!.templateVersion).toBe(1);
    // The editor shows the node as version 1 was (and the current version beside it).
    const { templates, olderTemplates } = await templatesForGraph(
      fixture.database.db,
      fixture.alice,
      composition.nodes,
    );
    expect(olderTemplates).toEqual([
      expect.objectContaining({ templateId: template.templateId, version: 1, definition: { sql: V1 } }),
    ]);
    expect(templates.find((t) => t.templateId === template.templateId)).toMatchObject({ version: 2 });
    const resaved = await updateComposition(fixture.database.db, fixture.alice, composition.id, {
      ...document,
      nodes: [{ ...document.nodes[0]!, templateVersion: 1 }],
      version: composition.version,
    });
    expect(await runAndRead(fixture.alice, composition.id)).toEqual(direct);
    // Upgraded (what the editor's Upgrade does), it runs version 2.
    await updateComposition(fixture.database.db, fixture.alice, composition.id, {
      ...document,
      nodes: [{ ...document.nodes[0]!, templateVersion: 2 }],
      version: resaved.version,
    });
    expect(await runAndRead(fixture.alice, composition.id)).toEqual(
      direct.map((row) => ({ ...row, amount: row.amount * 2 })),
    );

    expect(
      (await listTemplateVersions(fixture.database.db, fixture.alice, template.templateId)).map(
        (v) => v.version,
      ),
    ).toEqual([2, 1]);
    expect(
      (await getTemplateVersion(fixture.database.db, fixture.alice, template.templateId, 1)).definition,
    ).toEqual({
      sql: V1,
    });
  });

  it("is private until made public; public on a private source, it is visible to others but does not run for them", async () => {
    const template = await createTemplate(
      fixture.database.db,
      fixture.alice,
      { ...body(V1), name: "Alice's orders" },
      fixture.deps,
    );
    await expect(
      getTemplateOrThrow(fixture.database.db, fixture.bob, template.templateId),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await listTemplates(fixture.database.db, fixture.bob)).map((t) => t.templateId)).not.toContain(
      template.templateId,
    );
    const borrowing = compositionDocumentSchema.parse({
      name: "Bob borrows",
      nodes: [{ nodeId: "orders", templateId: template.templateId, parameterOverrides: { min: 1 } }],
    });
    await expect(createComposition(fixture.database.db, fixture.bob, borrowing)).rejects.toMatchObject({
      code: "bad_request",
      issues: [expect.objectContaining({ code: "unknown_template" })],
    });

    await updateTemplate(
      fixture.database.db,
      fixture.alice,
      template.templateId,
      { ...body(V1, true), name: "Alice's orders" },
      fixture.deps,
    );
    expect((await getTemplateOrThrow(fixture.database.db, fixture.bob, template.templateId)).canEdit).toBe(
      false,
    );
    await expect(
      updateTemplate(fixture.database.db, fixture.bob, template.templateId, body(V2), fixture.deps),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    const composition = await createComposition(fixture.database.db, fixture.bob, borrowing);
    expect(composition.issues).toEqual([
      expect.objectContaining({ code: "data_source_not_usable", nodeId: "orders", severity: "semantic" }),
    ]);
    await expect(
      startRun(fixture.database.db, fixture.bob, composition.id, { parameters: {}, trigger: "manual" }),
    ).rejects.toMatchObject({
      code: "unprocessable_entity",
      message: expect.stringContaining("data source you may not use"),
    });
  });

  it("refuses parameters that are not the SQL's, edits of the catalog, and keeps versions when deactivated", async () => {
    await expect(
      createTemplate(
        fixture.database.db,
        fixture.alice,
        { ...body(V1), parameters: [{ name: "max", type: "number", required: true, description: "" }] },
        fixture.deps,
      ),
    ).rejects.toMatchObject({ code: "bad_request", message: expect.stringContaining(":min") });
    await expect(
      updateTemplate(fixture.database.db, fixture.alice, "top_campaigns", body(V1), fixture.deps),
    ).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringContaining("duplicate it"),
    });
    const template = await createTemplate(fixture.database.db, fixture.alice, body(V1), fixture.deps);
    await deactivateTemplate(fixture.database.db, fixture.alice, template.templateId);
    expect((await getTemplateOrThrow(fixture.database.db, fixture.alice, template.templateId)).isActive).toBe(
      false,
    );
    expect(await listTemplateVersions(fixture.database.db, fixture.alice, template.templateId)).toHaveLength(
      1,
    );
  });
});
