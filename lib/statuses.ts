import { z } from "zod";

/**
 * The statuses of runs and node executions: the one list that zod, the UI and the SQL follow (the
 * tables' CHECK constraints list the same; lib/db/constraints.db.test.ts holds them to it).
 */
export const runStatuses = ["pending", "running", "completed", "failed", "cancelled"] as const;
/** A node execution's, and a standalone workflow run's: also `queued` (its job waits) and `skipped`. */
export const nodeStatuses = [
  "pending",
  "queued",
  "running",
  "completed",
  "failed",
  "cancelled",
  "skipped",
] as const;

/** What started a run: a person in the app, a schedule, the API (a script), a webhook, a backfill. */
export const runTriggers = ["manual", "schedule", "api", "webhook", "backfill"] as const;
export type RunTrigger = (typeof runTriggers)[number];

export type RunStatus = (typeof runStatuses)[number];
export type NodeStatus = (typeof nodeStatuses)[number];
export const runStatusSchema = z.enum(runStatuses);
export const nodeStatusSchema = z.enum(nodeStatuses);

/** Not finished: a run may still change, a node may still run. */
export const liveRunStatuses = ["pending", "running"] as const satisfies readonly RunStatus[];
export const liveNodeStatuses = ["pending", "queued", "running"] as const satisfies readonly NodeStatus[];
export const finishedNodeStatuses = [
  "completed",
  "failed",
  "skipped",
  "cancelled",
] as const satisfies readonly NodeStatus[];

export const isLiveRun = (status: string) => (liveRunStatuses as readonly string[]).includes(status);
export const isLiveNode = (status: string) => (liveNodeStatuses as readonly string[]).includes(status);
