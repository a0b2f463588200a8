import { describe, expect } from "vitest";
import { DEMO_COMPOSITION_ID } from "@/lib/compositions/demo-document";
import { templateCatalog } from "@/lib/templates/catalog";
import { syncTemplateCatalog } from "@/lib/templates/sync";
import type { TestDatabase } from "@/lib/testing/database";
import { dbTest as it } from "@/lib/testing/fixture";
import { seed } from "./seed";

const warehouseTables = ["campaigns", "products", "campaign_products", "daily_metrics", "conversions"];

/** Row count and an md5 over every row of a table, in a fixed order: equal fingerprints, equal data. */
async function fingerprint(database: TestDatabase, table: string) {
  const [row] = await database.sql<{ rows: string; md5: string }>(
    `SELECT count(*)::text AS rows, md5(string_agg(t::text, '|' ORDER BY t::text)) AS md5 FROM ${table} t`,
  );
  return row!;
}

async function everything(database: TestDatabase) {
  const tables = [
    ...warehouseTables.map((table) => `warehouse.${table}`),
    "query_flow_templates",
    "template_flow_compositions",
    "template_flow_nodes",
    "template_flow_connections",
  ];
  return Object.fromEntries(
    await Promise.all(tables.map(async (table) => [table, await fingerprint(database, table)])),
  );
}

describe("seed", () => {
  it("loads a warehouse identical on every machine", async ({ database }) => {
    // Golden fingerprints: a change to prisma/warehouse/seed.sql that alters data must update these.
    const expected: Record<string, { rows: string; md5: string }> = {
      campaigns: { rows: "60", md5: "ab14b285f4505f5eec04812f9c0be4b5" },
      products: { rows: "240", md5: "04c7dc30382c4f6d8bfc45976e8cc6ba" },
      campaign_products: { rows: "240", md5: "c732af1aac61020100d6eeb31af9759a" },
      daily_metrics: { rows: "23760", md5: "bf433ac174d9206a9a92f295f4e65f1a" },
      conversions: { rows: "73835", md5: "9dd22fd8b7f76bee3ad5e92ed6a958d9" },
    };
    const actual = Object.fromEntries(
      await Promise.all(
        warehouseTables.map(async (table) => [table, await fingerprint(database, `warehouse.${table}`)]),
      ),
    );
    expect(actual).toEqual(expected);
  });

  it("covers at least 50 campaigns, 200 products and 365 days", async ({ database }) => {
    const [row] = await database.sql<{
      campaigns: number;
      products: number;
      days: number;
      conversions: number;
    }>(
      `SELECT (SELECT count(*)::int FROM warehouse.campaigns) AS campaigns,
              (SELECT count(*)::int FROM warehouse.products) AS products,
              (SELECT count(DISTINCT metric_date)::int FROM warehouse.daily_metrics) AS days,
              (SELECT count(*)::int FROM warehouse.conversions) AS conversions`,
    );
    expect(row!.campaigns).toBeGreaterThanOrEqual(50);
    expect(row!.products).toBeGreaterThanOrEqual(200);
    expect(row!.days).toBeGreaterThanOrEqual(365);
    expect(row!.conversions).toBeGreaterThan(0);
  });

  it("changes nothing when run again, timestamps included", async ({ database }) => {
    const before = await everything(database);
    await seed(database.db, database.url);
    expect(await everything(database)).toEqual(before);
  });

  it("creates the public demo composition: top campaigns → daily ∥ ASINs → summary", async ({ database }) => {
    const demo = await database.db.composition.findUniqueOrThrow({
      where: { compositionId: DEMO_COMPOSITION_ID },
      include: { nodes: true, connections: true },
    });
    expect(demo.isPublic).toBe(true);
    const levels = Object.fromEntries(demo.nodes.map((node) => [node.nodeId, node.executionOrder]));
    expect(levels).toEqual({ top_campaigns: 0, daily_performance: 1, asin_performance: 1, summary: 2 });
    const edges = demo.connections.map((c) => `${c.sourceNodeId}->${c.targetNodeId}`).sort();
    expect(edges).toEqual([
      "asin_performance->summary",
      "daily_performance->summary",
      "top_campaigns->asin_performance",
      "top_campaigns->daily_performance",
    ]);
  });
});

describe("syncTemplateCatalog", () => {
  it("updates a changed template and deactivates one no longer in the catalog", async ({ database }) => {
    const [first, ...rest] = templateCatalog;
    const changed = { ...first!, description: "A better description" };
    const result = await syncTemplateCatalog(database.db, [changed, ...rest.slice(1)]);
    expect(result).toEqual({ created: 0, updated: 1, deactivated: 1 });
    const rows = await database.db.template.findMany({
      where: { templateId: { in: [first!.templateId, rest[0]!.templateId] } },
    });
    const byId = Object.fromEntries(rows.map((row) => [row.templateId, row]));
    expect(byId[first!.templateId]?.description).toBe("A better description");
    expect(byId[rest[0]!.templateId]?.isActive).toBe(false);

    expect(await syncTemplateCatalog(database.db)).toEqual({ created: 0, updated: 2, deactivated: 0 });
  });
});
