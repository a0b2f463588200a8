import { z } from "zod";
import { nodeStatusSchema, runStatusSchema, runTriggers } from "@/lib/statuses";

// What the executions API answers; the OpenAPI document is generated from these, and the API specs
// parse real responses with them.

/** A run's error and times, the same for a composition's run and a workflow's. */
export const runTimingFields = {
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  durationMs: z.number().int().nullable(),
};

export const startedRunSchema = z.object({ execution: z.object({ id: z.uuid(), status: runStatusSchema }) });

/** A run just started, as the API answers it. */
export const startedRun = (run: { id: string; status: string }): z.output<typeof startedRunSchema> => ({
  execution: { id: run.id, status: runStatusSchema.parse(run.status) },
});

export const executionSchema = z.object({
  id: z.uuid(),
  composition: z.object({ id: z.uuid(), compositionId: z.string(), name: z.string() }),
  version: z.number().int(),
  status: runStatusSchema,
  trigger: z.enum(runTriggers),
  triggeredById: z.string().nullable(),
  retryOfId: z.uuid().nullable(),
  parameters: z.record(z.string(), z.unknown()),
  totalNodes: z.number().int(),
  completedNodes: z.number().int(),
  failedNodes: z.number().int(),
  skippedNodes: z.number().int(),
  cancelledNodes: z.number().int(),
  /** While the run waits for a slot under its composition's concurrency limit: since when. */
  waitingSince: z.iso.datetime().nullable(),
  ...runTimingFields,
  nodes: z.array(
    z.object({
      id: z.uuid(),
      nodeId: z.string(),
      templateId: z.string(),
      status: nodeStatusSchema,
      attempt: z.number().int(),
      maxRetries: z.number().int(),
      error: z.string().nullable(),
      input: z.record(z.string(), z.unknown()).nullable(),
      inputSources: z
        .record(
          z.string(),
          z.object({
            source: z.enum(["mapping", "override", "run", "global", "default"]),
            from: z.string().optional(),
          }),
        )
        .nullable(),
      resultMetadata: z.unknown(),
      startedAt: z.iso.datetime().nullable(),
      finishedAt: z.iso.datetime().nullable(),
      durationMs: z.number().int().nullable(),
    }),
  ),
});

export const executionPageSchema = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      startedBy: z.string().nullable(),
      status: runStatusSchema,
      trigger: z.string(),
      version: z.number().int(),
      totalNodes: z.number().int(),
      completedNodes: z.number().int(),
      failedNodes: z.number().int(),
      createdAt: z.iso.datetime(),
      durationMs: z.number().int().nullable(),
      error: z.string().nullable(),
      scheduledFor: z.iso.datetime().nullable(),
      waitingSince: z.iso.datetime().nullable(),
      composition: z.object({ id: z.uuid(), compositionId: z.string(), name: z.string() }),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const resultPageSchema = z.union([
  z.object({
    type: z.literal("table"),
    columns: z.array(z.object({ name: z.string(), type: z.string(), description: z.string() })),
    rowCount: z.number().int(),
    truncated: z.boolean(),
    offset: z.number().int(),
    limit: z.number().int(),
    rows: z.array(z.record(z.string(), z.unknown())),
  }),
  z.object({ type: z.literal("json"), value: z.unknown() }),
]);

export const logsSchema = z.object({
  lines: z.array(
    z.object({
      id: z.number().int(),
      nodeId: z.string().nullable(),
      level: z.enum(["debug", "info", "warn", "error"]),
      message: z.string(),
      data: z.unknown(),
      createdAt: z.iso.datetime(),
    }),
  ),
});

export const retriedRunSchema = z.object({
  execution: z.object({ id: z.uuid(), status: runStatusSchema, retryOfId: z.uuid().nullable() }),
});
