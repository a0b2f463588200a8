import { z } from "zod";

/**
 * Every kind of background job: its graphile-worker task name, its payload's schema, how often it
 * may be tried, how long a healthy run of it holds its job (`lockTimeoutMs`, see `lockTimeouts`), and
 * (for periodic work) its crontab line. What enqueues a job reads its name and
 * attempt limit here; lib/worker gives each task its handler and parses the payload with this schema.
 * `run_node` is also enqueued from SQL (prisma/functions/queryflow_enqueue_node.sql): keep the two alike
 * (lib/jobs/tasks.db.test.ts compares them).
 */
export const tasks = {
  runNode: {
    name: "run_node",
    payload: z.object({ nodeExecutionId: z.uuid() }),
    /** A node's own retries are counted by the engine; these cover a worker lost mid-attempt. */
    maxAttempts: 25,
  },
  fireSchedule: {
    name: "fire_schedule",
    payload: z.object({ scheduleId: z.uuid(), at: z.iso.datetime() }),
    maxAttempts: 10,
    lockTimeoutMs: 0,
  },
  /** Evaluates the notification rules of a run that has finished (enqueued in SQL: queryflow_notify_run). */
  notifyRun: {
    name: "notify_run",
    payload: z.union([
      z.object({ compositionExecutionId: z.uuid() }),
      z.object({ workflowExecutionId: z.uuid() }),
    ]),
    maxAttempts: 5,
    lockTimeoutMs: 60_000,
  },
  /** Sends one notification; failed attempts are retried with graphile-worker's backoff. */
  deliverNotification: {
    name: "deliver_notification",
    payload: z.object({ deliveryId: z.uuid() }),
    maxAttempts: 5,
    /** A delivery gives up after 15 s (lib/notifications/deliver.ts). */
    lockTimeoutMs: 20_000,
  },
  /** Starts a backfill's next ticks as far as its concurrency allows (also enqueued in SQL as its runs finish). */
  backfillStep: {
    name: "backfill_step",
    payload: z.object({ backfillId: z.uuid() }),
    maxAttempts: 10,
    lockTimeoutMs: 60_000,
  },
  refreshTemplateUsage: {
    name: "refresh_template_usage",
    payload: z.unknown(),
    /** Retried with graphile-worker's backoff: a short outage should not cost the hour's counts. */
    maxAttempts: 5,
    lockTimeoutMs: 15 * 60_000,
    crontab: "5 * * * *",
  },
  pruneExecutions: {
    name: "prune_executions",
    payload: z.unknown(),
    maxAttempts: 5,
    lockTimeoutMs: 60 * 60_000,
    crontab: "30 3 * * *",
  },
} as const satisfies Record<
  string,
  { name: string; payload: z.ZodType; maxAttempts: number; lockTimeoutMs?: number; crontab?: string }
>;

/**
 * How long a healthy job of each task holds its lock at most, beyond the heartbeat timeout: a job
 * locked longer belongs to a worker that died (graphile-worker itself frees it only after 4 hours),
 * so the sweeper (lib/engine/sweep.ts) frees it to be tried again. Every task but `run_node` has
 * one; a node's job is freed by its execution's heartbeat instead.
 */
export const lockTimeouts = Object.values(tasks).flatMap((task) =>
  "lockTimeoutMs" in task ? [{ name: task.name, ms: task.lockTimeoutMs }] : [],
);

export type TaskKey = keyof typeof tasks;
export type TaskPayload<K extends TaskKey> = z.output<(typeof tasks)[K]["payload"]>;

/** graphile-worker's crontab for the periodic tasks (the attempt limit is part of each line). */
export function crontab(): string {
  return Object.values(tasks)
    .flatMap((task) => ("crontab" in task ? [`${task.crontab} ${task.name} ?max=${task.maxAttempts}`] : []))
    .join("\n");
}
