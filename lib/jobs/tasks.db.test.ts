import { randomUUID } from "node:crypto";
import { describe, expect } from "vitest";
import { dbTest as it } from "@/lib/testing/fixture";
import { crontab, tasks } from "./tasks";

describe("the task catalog", () => {
  it("agrees with the run_node job the database enqueues itself: name, payload and attempt limit", async ({
    database,
  }) => {
    const id = randomUUID();
    await database.sql("SELECT queryflow_enqueue_node($1::uuid)", [id]);
    const [job] = await database.sql<{ task: string; payload: unknown; max_attempts: number }>(
      `SELECT t.identifier AS task, j.payload, j.max_attempts
       FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
       WHERE j.key = $1`,
      [`node:${id}`],
    );
    expect(job!.task).toBe(tasks.runNode.name);
    expect(job!.max_attempts).toBe(tasks.runNode.maxAttempts);
    expect(tasks.runNode.payload.parse(job!.payload)).toEqual({ nodeExecutionId: id });
  });

  it("gives graphile-worker a crontab line, with its attempt limit, for each periodic task", () => {
    expect(crontab().split("\n")).toEqual([
      "5 * * * * refresh_template_usage ?max=5",
      "30 3 * * * prune_executions ?max=5",
    ]);
  });
});
