import { describe, expect } from "vitest";
import { AppError } from "@/lib/api/errors";
import type { TestDatabase } from "@/lib/testing/database";
import { makeUser } from "@/lib/testing/engine";
import { dbTest } from "@/lib/testing/fixture";
import { demoComposition } from "./demo-document";
import { listCompositions } from "./list";
import { compositionResponseSchema } from "./responses";
import {
  type CompositionDocumentInput,
  compositionDocumentSchema,
  listCompositionsQuerySchema,
  updateCompositionBodySchema,
} from "./schema";
import {
  createComposition,
  deleteComposition,
  duplicateComposition,
  getComposition,
  updateComposition,
} from "./service";
import { exportComposition, importComposition } from "./transfer";
import { getVersionOrThrow, listVersions } from "./versions";

/** Made in this order: the first account is the admin. */
async function makeUsers(database: TestDatabase) {
  const admin = await makeUser(database, "admin");
  return { admin, alice: await makeUser(database, "alice"), bob: await makeUser(database, "bob") };
}

const it = dbTest
  .extend("users", { scope: "file" }, ({ database }) => makeUsers(database))
  /** `carol`, who has 23 compositions "Listing 00" … "Listing 22" (the even ones public). */
  .extend("carol", { scope: "file" }, async ({ database, users: _first }) => {
    const carol = await makeUser(database, "carol");
    for (let i = 0; i < 23; i++) {
      await createComposition(
        database.db,
        carol,
        doc({
          name: `Listing ${String(i).padStart(2, "0")}`,
          tags: i % 3 === 0 ? ["weekly"] : [],
          isPublic: i % 2 === 0,
          description: i === 7 ? "Has a NEEDLE inside" : "",
        }),
      );
    }
    return carol;
  });

const doc = (change: Partial<CompositionDocumentInput> = {}) =>
  compositionDocumentSchema.parse({
    ...demoComposition,
    compositionId: undefined,
    isPublic: false,
    ...change,
  });

/** The caught AppError of a promise that must fail. */
async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("creating and reading", () => {
  it("round-trips every field of the document, and derives mappings, levels and the plan", async ({
    database,
    users: { alice, bob },
  }) => {
    const sent = doc({
      name: "Round trip",
      description: "Every field",
      tags: ["Ads", "q1", "ads"],
      isPublic: true,
      globalParameters: { start_date: "2025-02-01", end_date: "2025-02-28", note: { nested: [1, 2] } },
      viewport: { x: -12.5, y: 40, zoom: 0.75 },
      nodes: demoComposition.nodes!.map((node, i) => ({
        ...node,
        templateVersion: 1,
        label: i === 0 ? "" : `Step ${i}: "ünïcode" 🚀`,
        position: { x: i * 10.25, y: 5 - i * 3 },
        config: {
          label: `node ${i} "quoted" \\ {braces}, NULL, ünïcode 🚀`,
          sql: "x'); DROP TABLE users; --",
        },
        ...(node.nodeId === "summary"
          ? {
              isConditional: true,
              conditionExpression: "$count(daily_performance) > 0 and \"a,{b}\" != 'NULL'",
            }
          : {}),
      })),
      connections: demoComposition.connections!.map((c) => ({
        ...c,
        isRequired: c.connectionId !== "top_to_asins",
      })),
    });
    const created = await createComposition(database.db, alice, sent);
    compositionResponseSchema.parse(created);
    const loaded = await getComposition(database.db, alice, created.compositionId);

    expect(loaded.compositionId).toBe("comp_round_trip");
    expect(loaded.tags).toEqual(["ads", "q1"]);
    const byId = <T extends { nodeId?: string; connectionId?: string }>(items: T[]) =>
      [...items].sort((a, b) =>
        String(a.nodeId ?? a.connectionId).localeCompare(String(b.nodeId ?? b.connectionId)),
      );
    expect(byId(loaded.nodes).map(({ parameterMappings, executionOrder, ...node }) => node)).toEqual(
      byId(sent.nodes),
    );
    expect(byId(loaded.connections)).toEqual(byId(sent.connections));
    expect({ ...loaded, nodes: undefined, connections: undefined, tags: undefined }).toMatchObject({
      name: sent.name,
      description: sent.description,
      isPublic: true,
      globalParameters: sent.globalParameters,
      viewport: sent.viewport,
      version: 1,
      isMine: true,
      canEdit: true,
      isFavorite: false,
      owner: { id: alice.id, name: "alice" },
      issues: [],
      plan: { levels: [["top_campaigns"], ["asin_performance", "daily_performance"], ["summary"]] },
    });
    const summary = loaded.nodes.find((node) => node.nodeId === "summary")!;
    expect(summary.executionOrder).toBe(2);
    expect(summary.parameterMappings.total_revenue).toEqual({
      connectionId: "asins_to_summary",
      sourceNodeId: "asin_performance",
      sourceField: "revenue",
      rule: "sum",
      isRequired: true,
    });
    expect(await getComposition(database.db, bob, created.id)).toMatchObject({
      isMine: false,
      canEdit: false,
    });
  });

  it("makes a unique composition_id from the name", async ({ database, users: { alice, bob } }) => {
    const first = await createComposition(database.db, alice, doc({ name: "Q1 Report — Café" }));
    const second = await createComposition(database.db, bob, doc({ name: "q1 report cafe" }));
    expect(first.compositionId).toBe("comp_q1_report_cafe");
    expect(second.compositionId).toBe("comp_q1_report_cafe_2");
  });

  it("refuses a taken composition_id with 409", async ({ database, users: { bob } }) => {
    const error = await failure(
      createComposition(database.db, bob, doc({ compositionId: "comp_q1_report_cafe" })),
    );
    expect(error.status).toBe(409);
  });

  it("refuses structural problems with 400 and every finding, writing nothing", async ({
    database,
    users: { alice },
  }) => {
    const before = await database.db.composition.count();
    const error = await failure(
      createComposition(
        database.db,
        alice,
        doc({ name: "Broken", nodes: [...demoComposition.nodes!, { nodeId: "x", templateId: "nope" }] }),
      ),
    );
    expect(error.status).toBe(400);
    expect(error.issues).toContainEqual(expect.objectContaining({ code: "unknown_template", nodeId: "x" }));
    expect(await database.db.composition.count()).toBe(before);
  });

  it("saves semantic problems as a draft and returns them", async ({ database, users: { alice } }) => {
    const created = await createComposition(
      database.db,
      alice,
      doc({
        name: "Draft",
        connections: [
          ...demoComposition.connections!,
          { connectionId: "loop", sourceNodeId: "summary", targetNodeId: "top_campaigns" },
        ],
      }),
    );
    expect(created.issues.map((issue) => issue.code)).toContain("cycle");
    expect(created.plan.levels).toEqual([]);
  });
});

describe("saving a new version", () => {
  it("bumps the version, and refuses a save based on a stale one with 409 and the current version", async ({
    database,
    users: { alice },
  }) => {
    const created = await createComposition(database.db, alice, doc({ name: "Versioned" }));
    const edit = (version: number, name: string) =>
      updateCompositionBodySchema.parse({ ...doc({ name }), compositionId: created.compositionId, version });
    const saved = await updateComposition(database.db, alice, created.id, edit(1, "Versioned v2"));
    expect(saved).toMatchObject({ version: 2, name: "Versioned v2" });
    const error = await failure(updateComposition(database.db, alice, created.id, edit(1, "Stale")));
    expect(error.status).toBe(409);
    expect(error.details).toEqual({ currentVersion: 2 });
    expect((await getComposition(database.db, alice, created.id)).name).toBe("Versioned v2");
  });

  it("lets exactly one of two concurrent saves from the same version through", async ({
    database,
    users: { alice },
  }) => {
    const created = await createComposition(database.db, alice, doc({ name: "Race" }));
    const edit = (name: string) =>
      updateCompositionBodySchema.parse({
        ...doc({ name }),
        compositionId: created.compositionId,
        version: 1,
      });
    const results = await Promise.allSettled([
      updateComposition(database.db, alice, created.id, edit("Race A")),
      updateComposition(database.db, alice, created.id, edit("Race B")),
    ]);
    const conflicts = results.filter((r) => r.status === "rejected" && (r.reason as AppError).status === 409);
    const saved = results.filter((r) => r.status === "fulfilled");
    expect(conflicts).toHaveLength(1);
    expect(saved).toHaveLength(1);
    const winner = (saved[0] as PromiseFulfilledResult<{ name: string }>).value.name;
    expect(await getComposition(database.db, alice, created.id)).toMatchObject({
      version: 2,
      name: winner,
      nodes: expect.any(Array),
    });
    expect((await getComposition(database.db, alice, created.id)).nodes).toHaveLength(4);
  });

  it("lets only the owner or an admin save or delete", async ({ database, users: { admin, alice, bob } }) => {
    const created = await createComposition(database.db, alice, doc({ name: "Guarded", isPublic: true }));
    const edit = updateCompositionBodySchema.parse({ ...doc({ name: "Hijacked" }), version: 1 });
    expect((await failure(updateComposition(database.db, bob, created.id, edit))).status).toBe(403);
    expect((await failure(deleteComposition(database.db, bob, created.id))).status).toBe(403);
    expect((await updateComposition(database.db, admin, created.id, edit)).name).toBe("Hijacked");
    await deleteComposition(database.db, admin, created.id);
    expect((await failure(getComposition(database.db, alice, created.id))).status).toBe(404);
  });

  it("refuses someone who may not save before validating: no findings about what their draft names", async ({
    database,
    users: { alice, bob },
  }) => {
    const created = await createComposition(database.db, alice, doc({ name: "Probed", isPublic: true }));
    const probe = { ...doc({ name: "Probe" }), nodes: [{ nodeId: "x", templateId: "does_it_exist" }] };
    const error = await failure(
      updateComposition(
        database.db,
        bob,
        created.id,
        updateCompositionBodySchema.parse({ ...probe, version: 1 }),
      ),
    );
    expect(error.status).toBe(403);
    expect(error.issues).toBeUndefined();
    // The owner, saving the same draft, is told what is wrong with it.
    const own = await failure(
      updateComposition(
        database.db,
        alice,
        created.id,
        updateCompositionBodySchema.parse({ ...probe, version: 1 }),
      ),
    );
    expect(own.status).toBe(400);
    expect(own.issues).toContainEqual(expect.objectContaining({ code: "unknown_template", nodeId: "x" }));
  });

  it("hides another user's private composition as not found", async ({ database, users: { alice, bob } }) => {
    const created = await createComposition(database.db, alice, doc({ name: "Secret" }));
    expect((await failure(getComposition(database.db, bob, created.id))).status).toBe(404);
    expect((await failure(getComposition(database.db, bob, created.compositionId))).status).toBe(404);
  });
});

describe("listing", () => {
  const query = (q: Record<string, string>) => listCompositionsQuerySchema.parse(q);

  it("walks every page with the cursor, no item twice or missing, in both sort orders", async ({
    database,
    carol,
  }) => {
    for (const sort of ["updated", "name"]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listCompositions(
          database.db,
          carol,
          query({ visibility: "mine", sort, limit: "5", ...(cursor ? { cursor } : {}) }),
        );
        seen.push(...page.items.map((item) => item.name));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toHaveLength(23);
      expect(new Set(seen).size).toBe(23);
      if (sort === "name") expect(seen).toEqual([...seen].sort());
    }
  });

  it("searches name, description and tags case-insensitively", async ({ database, carol }) => {
    const names = async (q: Record<string, string>) =>
      (await listCompositions(database.db, carol, query(q))).items.map((i) => i.name);
    expect(await names({ q: "listing 1", visibility: "mine", sort: "name" })).toEqual(
      Array.from({ length: 10 }, (_, i) => `Listing 1${i}`),
    );
    expect(await names({ q: "needle" })).toEqual(["Listing 07"]);
    expect((await names({ q: "WEEKLY", visibility: "mine" })).length).toBe(8);
    expect((await names({ tag: "weekly", visibility: "mine" })).length).toBe(8);
  });

  it("shows others only public compositions, and filters favorites", async ({
    database,
    users: { bob },
    carol: _listed,
  }) => {
    const visible = await listCompositions(database.db, bob, query({ q: "listing", limit: "100" }));
    expect(visible.items).toHaveLength(12);
    expect(visible.items.every((item) => item.isPublic && !item.isMine)).toBe(true);
    const { setFavorite } = await import("./favorites");
    await setFavorite(database.db, bob, visible.items[0]!.id, true);
    await setFavorite(database.db, bob, visible.items[0]!.id, true);
    const favorites = await listCompositions(database.db, bob, query({ favorite: "true" }));
    expect(favorites.items.map((item) => [item.name, item.isFavorite])).toEqual([
      [visible.items[0]!.name, true],
    ]);
  });

  it("refuses a cursor it did not give out", async ({ database, carol }) => {
    expect((await failure(listCompositions(database.db, carol, query({ cursor: "bm9wZQ" })))).status).toBe(
      400,
    );
  });
});

describe("duplicate, export and import, versions", () => {
  it("duplicates a readable composition as a private copy of the caller's", async ({
    database,
    users: { alice, bob },
  }) => {
    const original = await createComposition(database.db, alice, doc({ name: "Original", isPublic: true }));
    const copy = await duplicateComposition(database.db, bob, original.compositionId, {});
    expect(copy).toMatchObject({
      name: "Copy of Original",
      compositionId: "comp_copy_of_original",
      isPublic: false,
      isMine: true,
    });
    expect(copy.nodes).toHaveLength(4);
  });

  it("exports a file that imports as an equal composition, under a new id on collision", async ({
    database,
    users: { alice, bob },
  }) => {
    const original = await createComposition(database.db, alice, doc({ name: "Exported" }));
    const file = await exportComposition(database.db, alice, original.id);
    expect(file).toMatchObject({ format: "queryflow.composition", formatVersion: 1 });
    const { composition, renamedFrom } = await importComposition(database.db, bob, file);
    expect(renamedFrom).toBe("comp_exported");
    expect(composition.compositionId).toBe("comp_exported_2");
    expect(composition.owner?.id).toBe(bob.id);
    const again = await exportComposition(database.db, bob, composition.id);
    expect({ ...again.composition, compositionId: "x" }).toEqual({ ...file.composition, compositionId: "x" });
  });

  it("refuses an import whose templates are unknown, naming every one", async ({
    database,
    users: { admin, bob },
  }) => {
    const file = await exportComposition(database.db, admin, "comp_exported");
    file.composition.nodes.push({ ...file.composition.nodes[0]!, nodeId: "a", templateId: "mystery_one" });
    file.composition.nodes.push({ ...file.composition.nodes[0]!, nodeId: "b", templateId: "mystery_two" });
    const error = await failure(importComposition(database.db, bob, file));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/mystery_one, mystery_two/);
    expect(error.details).toEqual({ unknownTemplates: ["mystery_one", "mystery_two"] });
  });

  it("lists and reads the snapshots of a composition", async ({ database, users: { alice } }) => {
    const created = await createComposition(database.db, alice, doc({ name: "Snapshots" }));
    await database.db.compositionVersion.create({
      data: {
        compositionId: created.id,
        version: 1,
        snapshot: { nodes: created.nodes.length },
        createdById: alice.id,
      },
    });
    expect(await listVersions(database.db, alice, created.id)).toEqual({
      versions: [{ version: 1, createdAt: expect.any(String), createdBy: { id: alice.id, name: "alice" } }],
    });
    expect((await getVersionOrThrow(database.db, alice, created.id, 1)).snapshot).toEqual({ nodes: 4 });
    expect((await failure(getVersionOrThrow(database.db, alice, created.id, 2))).status).toBe(404);
  });
});
