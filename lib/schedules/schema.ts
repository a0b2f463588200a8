import { z } from "zod";
import { cronError, isTimeZone } from "./cron";

export const overlapPolicies = ["skip", "allow"] as const;
export const missedRunPolicies = ["skip", "run_once"] as const;

const cronExpression = z
  .string()
  .trim()
  .min(1, "is required")
  .max(200)
  .superRefine((value, ctx) => {
    const error = cronError(value);
    if (error) ctx.addIssue({ code: "custom", message: `is not a cron expression: ${error}` });
  });

const timezone = z
  .string()
  .trim()
  .max(100)
  .refine(isTimeZone, "is not an IANA time zone (like Europe/Berlin or UTC)");

const fields = {
  name: z.string().trim().max(200),
  cronExpression,
  timezone,
  /** The composition parameters of every run this schedule starts. */
  parameters: z.record(z.string(), z.unknown()),
  isActive: z.boolean(),
  /** `skip` a tick while this schedule's previous run is still going, or `allow` runs to overlap. */
  overlapPolicy: z.enum(overlapPolicies),
  /** After downtime that let ticks pass: `skip` them all, or `run_once` for them. */
  missedRunPolicy: z.enum(missedRunPolicies),
};

export const createScheduleBodySchema = z
  .object({
    compositionId: z.string().trim().min(1).max(100).optional(),
    workflowId: z.uuid().optional(),
    name: fields.name.default(""),
    cronExpression: fields.cronExpression,
    timezone: fields.timezone.default("UTC"),
    parameters: fields.parameters.default({}),
    isActive: fields.isActive.default(true),
    overlapPolicy: fields.overlapPolicy.default("skip"),
    missedRunPolicy: fields.missedRunPolicy.default("skip"),
  })
  .refine((body) => Boolean(body.compositionId) !== Boolean(body.workflowId), {
    message: "give either compositionId or workflowId (one, not both)",
    path: ["compositionId"],
  });
export type CreateScheduleBody = z.infer<typeof createScheduleBodySchema>;

export const updateScheduleBodySchema = z.object(fields).partial();
export type UpdateScheduleBody = z.infer<typeof updateScheduleBodySchema>;

/** GET /api/schedules?compositionId= — one composition's schedules. */
export const listSchedulesQuerySchema = z.object({ compositionId: z.string().max(100).optional() });

export const previewScheduleBodySchema = z.object({
  cronExpression: fields.cronExpression,
  timezone: fields.timezone.default("UTC"),
  count: z.number().int().min(1).max(20).default(5),
});

/** The fire job's payload: the tick it was queued for, so a stale job (edited schedule) does nothing. */

/** A schedule as the API returns it (for OpenAPI and the API tests). */
export const scheduleResponseSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  composition: z.object({ id: z.uuid(), compositionId: z.string(), name: z.string() }).nullable(),
  workflowId: z.uuid().nullable(),
  workflow: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  cronExpression: z.string(),
  description: z.string(),
  timezone: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  isActive: z.boolean(),
  overlapPolicy: z.enum(overlapPolicies),
  missedRunPolicy: z.enum(missedRunPolicies),
  nextRunAt: z.iso.datetime().nullable(),
  lastRunAt: z.iso.datetime().nullable(),
  lastRun: z.object({ id: z.uuid(), status: z.string(), createdAt: z.iso.datetime() }).nullable(),
  /** Why the latest tick was not run (cleared when a tick runs). */
  lastError: z.object({ message: z.string(), at: z.iso.datetime() }).nullable(),
  canEdit: z.boolean(),
  createdAt: z.iso.datetime(),
});
export const schedulePreviewSchema = z.object({
  description: z.string(),
  nextRuns: z.array(z.iso.datetime()),
});
