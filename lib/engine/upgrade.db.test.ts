import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultMigrationsDir, migrate } from "@/lib/db/migrate";
import { ensureWarehouseReaderLogin } from "@/lib/db/warehouse-reader";
import { installJobQueue } from "@/lib/jobs/queue";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { startTestWorker, waitForRun } from "@/lib/testing/engine";

// The migration that moved the advance step into PostgreSQL gives node executions their edges;
// a run that was in progress when it was applied must still finish.
const ADVANCE_IN_SQL = "20261122000400_engine_advance_in_sql";

let database: TestDatabase;
let cloneOfTemplate: TestDatabase;
let before: string;

beforeAll(async () => {
  database = await createTestDatabase({ empty: true });
  cloneOfTemplate = await createTestDatabase();
  before = mkdtempSync(path.join(tmpdir(), "queryflow-migrations-"));
  // Every migration before it (their names sort in the order they apply).
  cpSync(defaultMigrationsDir, before, {
    recursive: true,
    filter: (source) => {
      const migration = path.relative(defaultMigrationsDir, source).split(path.sep)[0]!;
      return migration === "" || migration < ADVANCE_IN_SQL;
    },
  });
});

afterAll(async () => {
  await database.drop();
  await cloneOfTemplate.drop();
  rmSync(before, { recursive: true, force: true });
});

describe(`migration ${ADVANCE_IN_SQL}`, () => {
  it("gives a run in progress its edges, and the run then finishes", async () => {
    // The database as it was before: none of today's function files (they come after the migrations).
    await migrate(database.url, { dir: before, functionsDir: path.join(before, "none") });
    await installJobQueue(database.url);
    // A run of a → b → c (b → c optional) as the engine left it: a completed, b queued with its
    // job, c pending.
    await database.sql(`
      INSERT INTO query_flow_templates (template_id, name, kind, output_schema)
      VALUES ('echo', 'Echo', 'echo', '[{"name": "result", "type": "json"}]');
      WITH composition AS (
        INSERT INTO template_flow_compositions (composition_id, name) VALUES ('comp_upgrade', 'Upgrade')
        RETURNING id
      ), version AS (
        INSERT INTO composition_versions (composition_id, version, snapshot)
        SELECT id, 1, '{"document": {"globalParameters": {},
            "nodes": [{"nodeId": "a", "templateId": "echo", "config": {}, "parameterOverrides": {}, "isConditional": false},
                      {"nodeId": "b", "templateId": "echo", "config": {}, "parameterOverrides": {}, "isConditional": false},
                      {"nodeId": "c", "templateId": "echo", "config": {}, "parameterOverrides": {}, "isConditional": false}],
            "connections": [{"connectionId": "ab", "sourceNodeId": "a", "targetNodeId": "b", "isRequired": true},
                            {"connectionId": "bc", "sourceNodeId": "b", "targetNodeId": "c", "isRequired": false}]},
          "mappings": {}, "templateVersions": {"echo": 1}}'::jsonb
        FROM composition RETURNING id, composition_id
      ), execution AS (
        INSERT INTO composition_executions (id, composition_id, version_id, version, status, trigger, total_nodes, started_at)
        SELECT '00000000-0000-4000-8000-000000000001', composition_id, id, 1, 'running', 'api', 3, now() FROM version
        RETURNING id
      )
      INSERT INTO workflow_executions (composition_execution_id, composition_node_id, template_id, status, finished_at)
      SELECT execution.id, node, 'echo', status, CASE node WHEN 'a' THEN now() END
      FROM execution, unnest(ARRAY['a', 'b', 'c'], ARRAY['completed', 'queued', 'pending']) AS n(node, status)`);
    await database.sql(`
      SELECT graphile_worker.add_job('run_node', json_build_object('nodeExecutionId', id::text), job_key => 'node:' || id)
      FROM workflow_executions WHERE composition_node_id = 'b'`);

    await migrate(database.url);

    const edges = await database.sql<{ node: string; depends_on: string[]; requires: string[] }>(
      `SELECT composition_node_id AS node, depends_on, requires FROM workflow_executions ORDER BY 1`,
    );
    expect(edges).toEqual([
      { node: "a", depends_on: [], requires: [] },
      { node: "b", depends_on: ["a"], requires: ["a"] },
      { node: "c", depends_on: ["b"], requires: [] },
    ]);

    // A role belongs to the whole server, and the other test files' databases (clones of the
    // template) log in as the reader with the template's password: this database must use it too,
    // or setting a new one would lock them out while they run.
    const [secret] = await cloneOfTemplate.sql<{ value: string }>(
      "SELECT value FROM app_secrets WHERE name = 'warehouse_reader_password'",
    );
    await database.sql("INSERT INTO app_secrets (name, value) VALUES ('warehouse_reader_password', $1)", [
      secret!.value,
    ]);
    await ensureWarehouseReaderLogin(database.url); // as `npm start` does after migrating
    const worker = await startTestWorker(database);
    try {
      const { execution, nodes } = await waitForRun(database, "00000000-0000-4000-8000-000000000001");
      expect(execution.status).toBe("completed");
      expect([nodes.b!.status, nodes.c!.status]).toEqual(["completed", "completed"]);
    } finally {
      await worker.stop();
    }
  });
});
