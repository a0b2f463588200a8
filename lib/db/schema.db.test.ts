import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TestDatabase } from "@/lib/testing/database";
import { dbTest as it } from "@/lib/testing/fixture";

interface SchemaColumn {
  model: string;
  field: string;
  column: string;
  type: string;
  optional: boolean;
  list: boolean;
  uuid: boolean;
}

const scalarTypes = new Set(["String", "Int", "BigInt", "Float", "Boolean", "DateTime", "Json", "Bytes"]);

/** Reads the scalar fields of every model straight from schema.prisma, as Prisma does. */
function readSchema(): { tables: Map<string, string>; columns: SchemaColumn[] } {
  const source = readFileSync(path.resolve("prisma/schema.prisma"), "utf8");
  const tables = new Map<string, string>();
  const columns: SchemaColumn[] = [];
  for (const [, model, body] of source.matchAll(/^model (\w+) \{\n([\s\S]*?)^\}/gm)) {
    tables.set(model!, body!.match(/@@map\("(\w+)"\)/)?.[1] ?? model!);
    for (const line of body!.split("\n")) {
      const match = line.trim().match(/^(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/);
      if (!match || !scalarTypes.has(match[2]!)) continue;
      const [, field, type, list, optional, rest] = match;
      columns.push({
        model: model!,
        field: field!,
        column: rest!.match(/@map\("(\w+)"\)/)?.[1] ?? field!,
        type: type!,
        optional: Boolean(optional),
        list: Boolean(list),
        uuid: rest!.includes("@db.Uuid"),
      });
    }
  }
  return { tables, columns };
}

function expectedPgType(column: SchemaColumn): string {
  if (column.list) return "ARRAY";
  if (column.uuid) return "uuid";
  return {
    String: "text",
    Int: "integer",
    BigInt: "bigint",
    Float: "double precision",
    Boolean: "boolean",
    DateTime: "timestamp with time zone",
    Json: "jsonb",
    Bytes: "bytea",
  }[column.type]!;
}

describe("schema.prisma and the migrations", () => {
  const { tables, columns } = readSchema();

  it("maps every model Prisma generated", () => {
    expect([...tables.keys()].sort()).toEqual(Object.values(Prisma.ModelName).sort());
  });

  it("agree on every table, column, type and nullability", async ({ database }) => {
    const actual = await database.sql<{
      table_name: string;
      column_name: string;
      data_type: string;
      is_nullable: string;
    }>(
      `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name NOT IN ('_prisma_migrations', 'queryflow_sql_functions')`,
    );
    const describeActual = actual
      .map((c) => `${c.table_name}.${c.column_name} ${c.data_type}${c.is_nullable === "YES" ? " null" : ""}`)
      .sort();
    const describeSchema = columns
      .map((c) => `${tables.get(c.model)}.${c.column} ${expectedPgType(c)}${c.optional ? " null" : ""}`)
      .sort();
    expect(describeActual).toEqual(describeSchema);
  });
});

describe("every model round-trips through Prisma", () => {
  // One fixture per model, created in dependency order; each is read back, updated and deleted.
  const ids = {
    user: "user_schema_test",
    composition: "00000000-0000-4000-8000-000000000001",
    workflow: "00000000-0000-4000-8000-000000000002",
    schedule: "00000000-0000-4000-8000-000000000003",
    version: "00000000-0000-4000-8000-000000000004",
    execution: "00000000-0000-4000-8000-000000000005",
    nodeExecution: "00000000-0000-4000-8000-000000000006",
    invite: "00000000-0000-4000-8000-000000000007",
    dataSource: "00000000-0000-4000-8000-000000000008",
    apiToken: "00000000-0000-4000-8000-000000000009",
    trigger: "00000000-0000-4000-8000-000000000010",
    rule: "00000000-0000-4000-8000-000000000011",
    delivery: "00000000-0000-4000-8000-000000000012",
    notification: "00000000-0000-4000-8000-000000000013",
    backfill: "00000000-0000-4000-8000-000000000014",
  };
  const now = new Date("2026-01-02T03:04:05.678Z");

  type Fixture = {
    model: Prisma.ModelName;
    create: () => Promise<Record<string, unknown>>;
    read: () => Promise<Record<string, unknown> | null>;
    update: () => Promise<Record<string, unknown>>;
    changed: Record<string, unknown>;
  };

  const fixtures = ({ db }: TestDatabase): Fixture[] => {
    return [
      {
        model: "User",
        create: () => db.user.create({ data: { id: ids.user, name: "Grace", email: "grace@example.com" } }),
        read: () => db.user.findUnique({ where: { id: ids.user } }),
        update: () => db.user.update({ where: { id: ids.user }, data: { name: "Grace H." } }),
        changed: { name: "Grace H." },
      },
      {
        model: "Session",
        create: () =>
          db.session.create({
            data: { id: "s1", token: "tok", expiresAt: now, userId: ids.user, ipAddress: "::1" },
          }),
        read: () => db.session.findUnique({ where: { token: "tok" } }),
        update: () => db.session.update({ where: { id: "s1" }, data: { userAgent: "test" } }),
        changed: { userAgent: "test" },
      },
      {
        model: "Account",
        create: () =>
          db.account.create({
            data: {
              id: "a1",
              accountId: ids.user,
              providerId: "credential",
              userId: ids.user,
              password: "hash",
            },
          }),
        read: () => db.account.findUnique({ where: { id: "a1" } }),
        update: () => db.account.update({ where: { id: "a1" }, data: { accessTokenExpiresAt: now } }),
        changed: { accessTokenExpiresAt: now },
      },
      {
        model: "Invite",
        create: () =>
          db.invite.create({
            data: { id: ids.invite, tokenHash: "hash", createdById: ids.user, expiresAt: now },
          }),
        read: () => db.invite.findUnique({ where: { id: ids.invite } }),
        update: () =>
          db.invite.update({
            where: { id: ids.invite },
            data: { usedAt: now, usedByEmail: "ada@example.com" },
          }),
        changed: { usedAt: now, usedByEmail: "ada@example.com" },
      },
      {
        model: "ApiToken",
        create: () =>
          db.apiToken.create({
            data: {
              id: ids.apiToken,
              userId: ids.user,
              name: "CI",
              tokenHash: "hash",
              prefix: "qf_abc",
              scopes: ["read", "run"],
              expiresAt: now,
            },
          }),
        read: () => db.apiToken.findUnique({ where: { id: ids.apiToken } }),
        update: () => db.apiToken.update({ where: { id: ids.apiToken }, data: { lastUsedAt: now } }),
        changed: { lastUsedAt: now },
      },
      {
        model: "DataSource",
        create: () =>
          db.dataSource.create({
            data: {
              id: ids.dataSource,
              name: "Shop",
              kind: "postgres",
              ownerId: ids.user,
              connection: { host: "db.example.com", port: 5432, database: "shop", user: "analyst" },
              sealedPassword: "v1.key.nonce.tag.body",
            },
          }),
        read: () => db.dataSource.findUnique({ where: { id: ids.dataSource } }),
        update: () =>
          db.dataSource.update({
            where: { id: ids.dataSource },
            data: { name: "Shop 2", schemaCache: [], schemaCachedAt: now },
          }),
        changed: { name: "Shop 2", schemaCachedAt: now },
      },
      {
        model: "AppSecret",
        create: () => db.appSecret.create({ data: { name: "schema_test", value: "one", updatedAt: now } }),
        read: () => db.appSecret.findUnique({ where: { name: "schema_test" } }),
        update: () => db.appSecret.update({ where: { name: "schema_test" }, data: { value: "two" } }),
        changed: { value: "two" },
      },
      {
        model: "Verification",
        create: () =>
          db.verification.create({ data: { id: "v1", identifier: "x", value: "y", expiresAt: now } }),
        read: () => db.verification.findUnique({ where: { id: "v1" } }),
        update: () => db.verification.update({ where: { id: "v1" }, data: { value: "z" } }),
        changed: { value: "z" },
      },
      {
        model: "RateLimit",
        create: () =>
          db.rateLimit.create({
            data: {
              id: "r1",
              key: "203.0.113.1/sign-in/email",
              count: 1,
              lastRequest: BigInt(now.getTime()),
            },
          }),
        read: () => db.rateLimit.findUnique({ where: { id: "r1" } }),
        update: () => db.rateLimit.update({ where: { id: "r1" }, data: { count: 2 } }),
        changed: { count: 2 },
      },
      {
        model: "Template",
        create: () =>
          db.template.create({
            data: {
              templateId: "schema_test",
              name: "T",
              kind: "echo",
              ownerId: ids.user,
              isPublic: false,
              tags: ["a", "b"],
              chartConfig: { type: "bar" },
            },
          }),
        read: () => db.template.findUnique({ where: { templateId: "schema_test" } }),
        update: () =>
          db.template.update({
            where: { templateId: "schema_test" },
            data: { usageCount: { increment: 1 } },
          }),
        changed: { usageCount: 1 },
      },
      {
        model: "TemplateVersion",
        create: () =>
          db.templateVersion.create({
            data: {
              templateId: "schema_test",
              version: 1,
              kind: "echo",
              definition: {},
              parameterSchema: [],
              outputSchema: [],
              authorId: ids.user,
            },
          }),
        read: () =>
          db.templateVersion.findUnique({
            where: { templateId_version: { templateId: "schema_test", version: 1 } },
          }),
        update: () =>
          db.templateVersion.update({
            where: { templateId_version: { templateId: "schema_test", version: 1 } },
            data: { chartConfig: { type: "line" } },
          }),
        changed: { chartConfig: { type: "line" } },
      },
      {
        model: "Composition",
        create: () =>
          db.composition.create({
            data: {
              id: ids.composition,
              compositionId: "comp_schema_test",
              name: "C",
              tags: ["x"],
              ownerId: ids.user,
              globalParameters: { start_date: "2025-01-01" },
            },
          }),
        read: () => db.composition.findUnique({ where: { id: ids.composition } }),
        update: () => db.composition.update({ where: { id: ids.composition }, data: { currentVersion: 2 } }),
        changed: { currentVersion: 2 },
      },
      ...["n1", "n2"].map(
        (nodeId): Fixture => ({
          model: "CompositionNode",
          create: () =>
            db.compositionNode.create({
              data: {
                compositionId: ids.composition,
                nodeId,
                templateId: "schema_test",
                templateVersion: 1,
                positionX: 1.5,
                positionY: -2,
              },
            }),
          read: () =>
            db.compositionNode.findUnique({
              where: { compositionId_nodeId: { compositionId: ids.composition, nodeId } },
            }),
          update: () =>
            db.compositionNode.update({
              where: { compositionId_nodeId: { compositionId: ids.composition, nodeId } },
              data: { parameterOverrides: { limit: 3 }, isConditional: true, conditionExpression: "true" },
            }),
          changed: { parameterOverrides: { limit: 3 }, isConditional: true },
        }),
      ),
      {
        model: "CompositionConnection",
        create: () =>
          db.compositionConnection.create({
            data: {
              compositionId: ids.composition,
              connectionId: "e1",
              sourceNodeId: "n1",
              targetNodeId: "n2",
              fieldMappings: { a: "b" },
              transformationRules: { a: "collect" },
            },
          }),
        read: () =>
          db.compositionConnection.findUnique({
            where: { compositionId_connectionId: { compositionId: ids.composition, connectionId: "e1" } },
          }),
        update: () =>
          db.compositionConnection.update({
            where: { compositionId_connectionId: { compositionId: ids.composition, connectionId: "e1" } },
            data: { isRequired: false },
          }),
        changed: { isRequired: false },
      },
      {
        model: "CompositionVersion",
        create: () =>
          db.compositionVersion.create({
            data: { id: ids.version, compositionId: ids.composition, version: 1, snapshot: { nodes: [] } },
          }),
        read: () => db.compositionVersion.findUnique({ where: { id: ids.version } }),
        update: () =>
          db.compositionVersion.update({ where: { id: ids.version }, data: { createdById: ids.user } }),
        changed: { createdById: ids.user },
      },
      {
        model: "Workflow",
        create: () =>
          db.workflow.create({
            data: { id: ids.workflow, name: "W", templateId: "schema_test", parameters: { m: 1 } },
          }),
        read: () => db.workflow.findUnique({ where: { id: ids.workflow } }),
        update: () => db.workflow.update({ where: { id: ids.workflow }, data: { isActive: false } }),
        changed: { isActive: false },
      },
      {
        model: "Schedule",
        create: () =>
          db.schedule.create({
            data: {
              id: ids.schedule,
              compositionId: ids.composition,
              cronExpression: "*/5 * * * *",
              timezone: "Europe/Paris",
            },
          }),
        read: () => db.schedule.findUnique({ where: { id: ids.schedule } }),
        update: () =>
          db.schedule.update({
            where: { id: ids.schedule },
            data: { nextRunAt: now, overlapPolicy: "allow" },
          }),
        changed: { nextRunAt: now, overlapPolicy: "allow" },
      },
      {
        model: "Backfill",
        create: () =>
          db.backfill.create({
            data: {
              id: ids.backfill,
              scheduleId: ids.schedule,
              fromAt: now,
              toAt: now,
              concurrency: 5,
              totalTicks: 1,
              nextTickAt: now,
              createdById: ids.user,
            },
          }),
        read: () => db.backfill.findUnique({ where: { id: ids.backfill } }),
        update: () =>
          db.backfill.update({ where: { id: ids.backfill }, data: { status: "completed", finishedAt: now } }),
        changed: { status: "completed", finishedAt: now },
      },
      {
        model: "CompositionExecution",
        create: () =>
          db.compositionExecution.create({
            data: {
              id: ids.execution,
              compositionId: ids.composition,
              versionId: ids.version,
              version: 1,
              trigger: "manual",
              scheduleId: ids.schedule,
            },
          }),
        read: () => db.compositionExecution.findUnique({ where: { id: ids.execution } }),
        update: () =>
          db.compositionExecution.update({
            where: { id: ids.execution },
            data: { status: "running", startedAt: now },
          }),
        changed: { status: "running", startedAt: now },
      },
      {
        model: "WorkflowExecution",
        create: () =>
          db.workflowExecution.create({
            data: {
              id: ids.nodeExecution,
              templateId: "schema_test",
              compositionExecutionId: ids.execution,
              compositionNodeId: "n1",
            },
          }),
        read: () => db.workflowExecution.findUnique({ where: { id: ids.nodeExecution } }),
        update: () =>
          db.workflowExecution.update({
            where: { id: ids.nodeExecution },
            data: { status: "completed", output: { rows: 2 }, durationMs: 12 },
          }),
        changed: { status: "completed", output: { rows: 2 }, durationMs: 12 },
      },
      {
        model: "Trigger",
        create: () =>
          db.trigger.create({
            data: { id: ids.trigger, hookId: "hook", compositionId: ids.composition, createdById: ids.user },
          }),
        read: () => db.trigger.findUnique({ where: { id: ids.trigger } }),
        update: () =>
          db.trigger.update({ where: { id: ids.trigger }, data: { enabled: false, lastCalledAt: now } }),
        changed: { enabled: false, lastCalledAt: now },
      },
      {
        model: "NotificationRule",
        create: () =>
          db.notificationRule.create({
            data: {
              id: ids.rule,
              ownerId: ids.user,
              compositionId: ids.composition,
              events: ["failure", "slow"],
              channel: { type: "in_app" },
              slowAfterMs: 1000,
            },
          }),
        read: () => db.notificationRule.findUnique({ where: { id: ids.rule } }),
        update: () => db.notificationRule.update({ where: { id: ids.rule }, data: { enabled: false } }),
        changed: { enabled: false },
      },
      {
        model: "NotificationDelivery",
        create: () =>
          db.notificationDelivery.create({
            data: {
              id: ids.delivery,
              ruleId: ids.rule,
              compositionExecutionId: ids.execution,
              event: "failure",
            },
          }),
        read: () => db.notificationDelivery.findUnique({ where: { id: ids.delivery } }),
        update: () =>
          db.notificationDelivery.update({
            where: { id: ids.delivery },
            data: { status: "delivered", attempts: 1, deliveredAt: now },
          }),
        changed: { status: "delivered", attempts: 1, deliveredAt: now },
      },
      {
        model: "Notification",
        create: () =>
          db.notification.create({
            data: {
              id: ids.notification,
              userId: ids.user,
              deliveryId: ids.delivery,
              title: "Failed",
              link: "/x",
            },
          }),
        read: () => db.notification.findUnique({ where: { id: ids.notification } }),
        update: () => db.notification.update({ where: { id: ids.notification }, data: { readAt: now } }),
        changed: { readAt: now },
      },
      {
        model: "NodeResult",
        create: () =>
          db.nodeResult.create({
            data: {
              workflowExecutionId: ids.nodeExecution,
              chunkIndex: 0,
              rowOffset: 0,
              rowCount: 1,
              rows: [{ a: 1 }],
            },
          }),
        read: () =>
          db.nodeResult.findUnique({
            where: {
              workflowExecutionId_chunkIndex: { workflowExecutionId: ids.nodeExecution, chunkIndex: 0 },
            },
          }),
        update: () =>
          db.nodeResult.update({
            where: {
              workflowExecutionId_chunkIndex: { workflowExecutionId: ids.nodeExecution, chunkIndex: 0 },
            },
            data: { rowCount: 2, rows: [{ a: 1 }, { a: 2 }] },
          }),
        changed: { rowCount: 2 },
      },
      {
        model: "ResultFile",
        create: () =>
          db.resultFile.create({
            data: { workflowExecutionId: ids.nodeExecution, bytes: new Uint8Array([80, 65, 82, 49]) },
          }),
        read: () => db.resultFile.findUnique({ where: { workflowExecutionId: ids.nodeExecution } }),
        update: () =>
          db.resultFile.update({
            where: { workflowExecutionId: ids.nodeExecution },
            data: { bytes: new Uint8Array([80, 65, 82, 49, 0]) },
          }),
        changed: { bytes: new Uint8Array([80, 65, 82, 49, 0]) },
      },
      {
        model: "ExecutionLog",
        create: () =>
          db.executionLog.create({
            data: { id: 1n, workflowExecutionId: ids.nodeExecution, level: "info", message: "hello" },
          }),
        read: () => db.executionLog.findUnique({ where: { id: 1n } }),
        update: () => db.executionLog.update({ where: { id: 1n }, data: { level: "warn" } }),
        changed: { level: "warn" },
      },
      {
        model: "Favorite",
        create: () => db.favorite.create({ data: { userId: ids.user, compositionId: ids.composition } }),
        read: () =>
          db.favorite.findUnique({
            where: { userId_compositionId: { userId: ids.user, compositionId: ids.composition } },
          }),
        update: () =>
          db.favorite.update({
            where: { userId_compositionId: { userId: ids.user, compositionId: ids.composition } },
            data: { createdAt: now },
          }),
        changed: { createdAt: now },
      },
    ];
  };

  it("covers every model", ({ database }) => {
    const covered = new Set(fixtures(database).map((fixture) => fixture.model));
    expect([...covered].sort()).toEqual(Object.values(Prisma.ModelName).sort());
  });

  it("creates, reads and updates every model, then deletes them all", async ({ database }) => {
    for (const fixture of fixtures(database)) {
      const created = await fixture.create();
      expect(await fixture.read(), `${fixture.model} read`).toEqual(created);
      const updated = await fixture.update();
      expect(updated, `${fixture.model} update`).toMatchObject(fixture.changed);
      expect(await fixture.read(), `${fixture.model} re-read`).toEqual(updated);
    }
    // Deleting the composition and the user cascades through everything that hangs off them (the
    // user's own templates and their versions included).
    const { db } = database;
    await db.workflow.delete({ where: { id: ids.workflow } });
    await db.composition.delete({ where: { id: ids.composition } });
    await db.user.delete({ where: { id: ids.user } });
    await db.verification.delete({ where: { id: "v1" } });
    await db.invite.delete({ where: { id: ids.invite } });
    await db.appSecret.delete({ where: { name: "schema_test" } });
    await db.rateLimit.delete({ where: { id: "r1" } });
    for (const fixture of fixtures(database))
      expect(await fixture.read(), `${fixture.model} deleted`).toBeNull();
  });
});
