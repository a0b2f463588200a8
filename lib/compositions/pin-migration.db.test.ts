import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultMigrationsDir, migrate } from "@/lib/db/migrate";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";

// Nodes saved before nodes named their template's version ran its current one: the migration that
// adds the version pins each to the version its template had then.
const NODE_TEMPLATE_VERSION = "20261202000000_node_template_version";

let database: TestDatabase;
let before: string;

beforeAll(async () => {
  database = await createTestDatabase({ empty: true });
  before = mkdtempSync(path.join(tmpdir(), "queryflow-migrations-"));
  cpSync(defaultMigrationsDir, before, {
    recursive: true,
    filter: (source) => {
      const migration = path.relative(defaultMigrationsDir, source).split(path.sep)[0]!;
      return migration === "" || migration < NODE_TEMPLATE_VERSION;
    },
  });
});

afterAll(async () => {
  await database.drop();
  rmSync(before, { recursive: true, force: true });
});

describe(`migration ${NODE_TEMPLATE_VERSION}`, () => {
  it("pins every saved node to its template's version at the time", async () => {
    await migrate(database.url, { dir: before, functionsDir: path.join(before, "none") });
    await database.sql(`
      INSERT INTO query_flow_templates (template_id, name, kind, output_schema, version, built_in)
      VALUES ('echo', 'Echo', 'echo', '[]', 3, true), ('delay', 'Delay', 'delay', '[]', 1, true);
      WITH composition AS (
        INSERT INTO template_flow_compositions (composition_id, name) VALUES ('comp_pins', 'Pins') RETURNING id
      )
      INSERT INTO template_flow_nodes (composition_id, node_id, template_id)
      SELECT id, node_id, template_id FROM composition, (VALUES ('a', 'echo'), ('b', 'delay')) AS n (node_id, template_id)`);
    await migrate(database.url);
    expect(
      await database.sql("SELECT node_id, template_version FROM template_flow_nodes ORDER BY node_id"),
    ).toEqual([
      { node_id: "a", template_version: 3 },
      { node_id: "b", template_version: 1 },
    ]);
  });
});
