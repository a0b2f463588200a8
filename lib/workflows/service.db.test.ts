import { describe, expect } from "vitest";
import { decodeInstantCursor } from "@/lib/api/cursor";
import { createScheduleBodySchema } from "@/lib/schedules/schema";
import { createSchedule, getSchedule, updateSchedule } from "@/lib/schedules/service";
import { makeUser } from "@/lib/testing/engine";
import { dbTest } from "@/lib/testing/fixture";
import { until } from "@/lib/testing/until";
import { createWorkflowBodySchema } from "./schema";
import {
  createWorkflow,
  getWorkflowRunResult,
  listRecentWorkflowRuns,
  listWorkflowRuns,
  runWorkflow,
} from "./service";

const it = dbTest
  .extend("user", { scope: "file" }, ({ database }) => makeUser(database, "workflower"))
  /** `finished(id, count)`: the workflow's runs once `count` of them have finished on the worker. */
  .extend(
    "finished",
    { scope: "file" },
    ({ database, user, worker: _running }) =>
      (workflowId: string, count: number) =>
        until(
          async () => {
            const runs = await listWorkflowRuns(database.db, user, workflowId);
            return runs.length >= count && runs.every((run) => run.finishedAt) && runs;
          },
          { what: `${count} finished runs of the workflow` },
        ),
  );

const body = (templateId: string, parameters: object) =>
  createWorkflowBodySchema.parse({ name: `${templateId} workflow`, templateId, parameters });

describe("standalone workflows", () => {
  it("run a template on its own with saved parameters, through the engine, and again", async ({
    database,
    user,
    finished,
  }) => {
    const workflow = await createWorkflow(database.db, user, body("number_series", { count: 7 }));
    await runWorkflow(database.db, user, workflow.id, "api");
    await runWorkflow(database.db, user, workflow.id, "manual");
    const runs = await finished(workflow.id, 2);
    expect(runs.map((run) => run.status)).toEqual(["completed", "completed"]);
    const page = await getWorkflowRunResult(database.db, user, workflow.id, runs[0]!.id, {
      offset: 5,
      limit: 10,
      order: "asc",
    });
    expect(page).toMatchObject({ type: "table", rowCount: 7, rows: [{ n: 6 }, { n: 7 }] });
  });

  it("pages a result sorted by any column, over all its stored chunks, and names a column it lacks", async ({
    database,
    user,
    finished,
  }) => {
    const workflow = await createWorkflow(database.db, user, body("number_series", { count: 2500 }));
    await runWorkflow(database.db, user, workflow.id, "api");
    const [run] = await finished(workflow.id, 1);
    const page = (query: { offset: number; limit: number; sort?: string; order: "asc" | "desc" }) =>
      getWorkflowRunResult(database.db, user, workflow.id, run!.id, query).then((result) =>
        result.type === "table" ? result.rows : [],
      );
    const all = await page({ offset: 0, limit: 2500, order: "asc" });
    const byValue = [...all].sort(
      (a, b) => (b.value as number) - (a.value as number) || (a.n as number) - (b.n as number),
    );
    expect(await page({ offset: 1000, limit: 5, sort: "value", order: "desc" })).toEqual(
      byValue.slice(1000, 1005),
    );
    const byLabel = [...all].sort((a, b) => ((a.label as string) < (b.label as string) ? -1 : 1));
    expect(
      (await page({ offset: 0, limit: 3, sort: "label", order: "asc" })).map((row) => row.label),
    ).toEqual(byLabel.slice(0, 3).map((row) => row.label));
    await expect(page({ offset: 0, limit: 3, sort: "nope", order: "asc" })).rejects.toThrow(
      'sort: the result has no column "nope" (it has n, label, bucket, value).',
    );
  });

  it("refuse parameters that do not fit, naming them, and hide one user's workflows from another", async ({
    database,
    user,
  }) => {
    await expect(createWorkflow(database.db, user, body("number_series", { count: "many" }))).rejects.toThrow(
      /"count" must be a whole number|"count" must be/,
    );
    await expect(createWorkflow(database.db, user, body("echo", { nope: 1 }))).rejects.toThrow(
      /"nope" is not a parameter/,
    );
    const workflow = await createWorkflow(database.db, user, body("echo", { message: "hi" }));
    const other = await makeUser(database, "someone-else");
    await expect(runWorkflow(database.db, other, workflow.id, "api")).rejects.toThrow(/not found/);
  });

  it("run on a schedule", async ({ database, user, finished }) => {
    const workflow = await createWorkflow(database.db, user, body("echo", { message: "tick" }));
    const schedule = await createSchedule(
      database.db,
      user,
      createScheduleBodySchema.parse({ workflowId: workflow.id, cronExpression: "* * * * * *" }),
    );
    expect(schedule.workflow).toEqual({ id: workflow.id, name: workflow.name });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await updateSchedule(database.db, user, schedule.id, { isActive: false });
    const runs = await finished(workflow.id, 1);
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs.every((run) => run.trigger === "schedule" && run.status === "completed")).toBe(true);
    // The schedules page shows the latest of them as the schedule's last run.
    const listed = await getSchedule(database.db, user, schedule.id);
    expect(runs.map((run) => run.id)).toContain(listed.lastRun?.id);
  });

  it("page through the history's workflow runs, newest first", async ({ database, user, finished }) => {
    const workflow = await createWorkflow(database.db, user, {
      ...body("echo", { message: "paged" }),
      name: "Paged history workflow",
    });
    for (let i = 0; i < 3; i++) await runWorkflow(database.db, user, workflow.id, "api");
    await finished(workflow.id, 3);
    const filters = { composition: "paged history" };
    const first = await listRecentWorkflowRuns(database.db, user, filters, { limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await listRecentWorkflowRuns(database.db, user, filters, {
      limit: 2,
      after: decodeInstantCursor(first.nextCursor!),
    });
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const all = (await listWorkflowRuns(database.db, user, workflow.id)).map((run) => run.id);
    expect([...first.items, ...second.items].map((run) => run.id)).toEqual(all);
  });
});
