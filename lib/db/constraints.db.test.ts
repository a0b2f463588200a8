import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeStatuses, runStatuses } from "@/lib/statuses";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";

let database: TestDatabase;
const ids = { composition: "", workflow: "" };

beforeAll(async () => {
  database = await createTestDatabase();
  const [composition] = await database.sql<{ id: string }>(
    `INSERT INTO template_flow_compositions (composition_id, name) VALUES ('comp_constraints', 'C') RETURNING id`,
  );
  ids.composition = composition!.id;
  await database.sql(
    `INSERT INTO template_flow_nodes (composition_id, node_id, template_id, template_version) VALUES ($1, 'a', 'echo', 1), ($1, 'b', 'echo', 1)`,
    [ids.composition],
  );
  const [workflow] = await database.sql<{ id: string }>(
    `INSERT INTO workflows (name, template_id) VALUES ('w', 'echo') RETURNING id`,
  );
  ids.workflow = workflow!.id;
  await database.sql(`INSERT INTO users (id, name, email) VALUES ('fan', 'F', 'fan@example.com')`);
  await database.sql(`INSERT INTO user_composition_favorites (user_id, composition_id) VALUES ('fan', $1)`, [
    ids.composition,
  ]);
});
afterAll(() => database.drop());

describe("database constraints", () => {
  // Each statement breaks exactly one constraint; ids are uuids the database made, safe to inline.
  it.each<[string, () => string, string]>([
    [
      "a composition_id outside ^comp_[a-z0-9_]+$",
      () => `INSERT INTO template_flow_compositions (composition_id, name) VALUES ('Comp-X', 'x')`,
      "template_flow_compositions_composition_id_check",
    ],
    [
      "a duplicate node_id in one composition",
      () =>
        `INSERT INTO template_flow_nodes (composition_id, node_id, template_id, template_version) VALUES ('${ids.composition}', 'a', 'echo', 1)`,
      "template_flow_nodes_composition_node_key",
    ],
    [
      "a node of an unknown template",
      () =>
        `INSERT INTO template_flow_nodes (composition_id, node_id, template_id, template_version) VALUES ('${ids.composition}', 'c', 'nope', 1)`,
      "template_flow_nodes_template_id_fkey",
    ],
    [
      "a connection to a node that does not exist",
      () =>
        `INSERT INTO template_flow_connections (composition_id, connection_id, source_node_id, target_node_id) VALUES ('${ids.composition}', 'e9', 'a', 'ghost')`,
      "template_flow_connections_target_fkey",
    ],
    [
      "a duplicate connection_id in one composition",
      () =>
        `INSERT INTO template_flow_connections (composition_id, connection_id, source_node_id, target_node_id) VALUES ('${ids.composition}', 'e1', 'a', 'b'), ('${ids.composition}', 'e1', 'b', 'a')`,
      "template_flow_connections_composition_connection_key",
    ],
    [
      "a schedule for both a workflow and a composition",
      () =>
        `INSERT INTO workflow_schedules (workflow_id, composition_id, cron_expression) VALUES ('${ids.workflow}', '${ids.composition}', '* * * * *')`,
      "workflow_schedules_target_check",
    ],
    [
      "a schedule for neither",
      () => `INSERT INTO workflow_schedules (cron_expression) VALUES ('* * * * *')`,
      "workflow_schedules_target_check",
    ],
    [
      "an unknown overlap policy",
      () =>
        `INSERT INTO workflow_schedules (composition_id, cron_expression, overlap_policy) VALUES ('${ids.composition}', '* * * * *', 'maybe')`,
      "workflow_schedules_overlap_policy_check",
    ],
    [
      "an unknown execution status",
      () =>
        `INSERT INTO composition_executions (composition_id, version, trigger, status) VALUES ('${ids.composition}', 1, 'manual', 'exploded')`,
      "composition_executions_status_check",
    ],
    [
      "an unknown trigger",
      () =>
        `INSERT INTO composition_executions (composition_id, version, trigger) VALUES ('${ids.composition}', 1, 'telepathy')`,
      "composition_executions_trigger_check",
    ],
    [
      "an unknown node execution status",
      () => `INSERT INTO workflow_executions (template_id, status) VALUES ('echo', 'done-ish')`,
      "workflow_executions_status_check",
    ],
    [
      "a second favorite of the same composition by one user",
      () =>
        `INSERT INTO user_composition_favorites (user_id, composition_id) VALUES ('fan', '${ids.composition}')`,
      "user_composition_favorites_pkey",
    ],
  ])("refuse %s", async (_, statement, constraint) => {
    await expect(database.sql(statement())).rejects.toMatchObject({ constraint });
  });

  it("deletes a composition's nodes and connections with it", async () => {
    const [row] = await database.sql<{ id: string }>(
      `INSERT INTO template_flow_compositions (composition_id, name) VALUES ('comp_cascade', 'C') RETURNING id`,
    );
    await database.sql(
      `INSERT INTO template_flow_nodes (composition_id, node_id, template_id, template_version) VALUES ($1, 'a', 'echo', 1), ($1, 'b', 'echo', 1)`,
      [row!.id],
    );
    await database.sql(
      `INSERT INTO template_flow_connections (composition_id, connection_id, source_node_id, target_node_id) VALUES ($1, 'e', 'a', 'b')`,
      [row!.id],
    );
    await database.sql(`DELETE FROM template_flow_compositions WHERE id = $1`, [row!.id]);
    const left = await database.sql(
      `SELECT 1 FROM template_flow_nodes WHERE composition_id = $1 UNION ALL SELECT 1 FROM template_flow_connections WHERE composition_id = $1`,
      [row!.id],
    );
    expect(left).toEqual([]);
  });

  it("keeps one workflow execution per node and run", async () => {
    const [run] = await database.sql<{ id: string }>(
      `INSERT INTO composition_executions (composition_id, version, trigger) VALUES ($1, 1, 'manual') RETURNING id`,
      [ids.composition],
    );
    const insert = `INSERT INTO workflow_executions (template_id, composition_execution_id, composition_node_id) VALUES ('echo', $1, 'a')`;
    await database.sql(insert, [run!.id]);
    await expect(database.sql(insert, [run!.id])).rejects.toMatchObject({
      constraint: "workflow_executions_composition_execution_idx",
    });
  });
});

describe("status columns", () => {
  // The CHECK constraints allow exactly the statuses the code knows (lib/statuses.ts).
  it.each([
    ["composition_executions", runStatuses],
    ["workflow_executions", nodeStatuses],
  ] as const)("%s allows exactly the statuses of lib/statuses.ts", async (table, statuses) => {
    const [check] = await database.sql<{ definition: string }>(
      `SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint
       WHERE conrelid = $1::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%status%'`,
      [table],
    );
    const allowed = [...check!.definition.matchAll(/'([a-z_]+)'::text/g)].map((match) => match[1]);
    expect(allowed.sort()).toEqual([...statuses].sort());
  });
});
