import { expect } from "vitest";
import { prismaSql } from "@/lib/db/sql";
import { makeUser, runToEnd } from "@/lib/testing/engine";
import { dbTest as it } from "@/lib/testing/fixture";
import { until } from "@/lib/testing/until";
import { refreshTemplateUsage } from "./usage";

it("counts each template's runs to an outcome, completed and failed, from the kept node executions", async ({
  database,
}) => {
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

it("follows finished runs: a template's count moves a few seconds after its run ends, with no hourly wait", async ({
  database,
  worker: _running,
}) => {
  const user = await makeUser(database, "counter");
  const count = async () =>
    (await database.db.template.findUniqueOrThrow({ where: { templateId: "echo" } })).usageCount;
  const before = await count();
  const { execution } = await runToEnd(database, user, {
    name: "Counted",
    nodes: [
      { nodeId: "a", templateId: "echo" },
      { nodeId: "b", templateId: "echo" },
    ],
  });
  expect(execution.status).toBe("completed");
  await until(async () => (await count()) === before + 2, { what: `echo's usage to reach ${before + 2}` });
}, 60_000);
