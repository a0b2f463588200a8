import { afterAll, beforeAll, expect, it } from "vitest";
import { prismaSql } from "@/lib/db/sql";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { refreshTemplateUsage } from "./usage";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

it("counts each template's runs to an outcome, completed and failed, from the kept node executions", async () => {
  const { db } = database;
  const statuses = ["completed", "completed", "failed", "running", "skipped"];
  await db.workflowExecution.createMany({ data: statuses.map((status) => ({ templateId: "echo", status })) });

  expect(await refreshTemplateUsage(prismaSql(db))).toBeGreaterThanOrEqual(1);
  const echo = await db.template.findUniqueOrThrow({ where: { templateId: "echo" } });
  expect([echo.usageCount, echo.successCount, echo.failureCount]).toEqual([3, 2, 1]);
  // A template that never ran, and a second recount that changes nothing.
  const delay = await db.template.findUniqueOrThrow({ where: { templateId: "delay" } });
  expect(delay.usageCount).toBe(0);
  expect(await refreshTemplateUsage(prismaSql(db))).toBe(0);

  // Runs deleted by the retention are no longer counted.
  await db.workflowExecution.deleteMany({ where: { templateId: "echo", status: "failed" } });
  await refreshTemplateUsage(prismaSql(db));
  const after = await db.template.findUniqueOrThrow({ where: { templateId: "echo" } });
  expect([after.usageCount, after.successCount, after.failureCount]).toEqual([2, 2, 0]);
});
