import { z } from "zod";

// What backfills look like to the API and the browser.

/** Ticks one backfill may cover. */
export const MAX_BACKFILL_TICKS = 10_000;

export const createBackfillBodySchema = z
  .strictObject({
    /** The first instant whose tick runs (inclusive). */
    from: z.iso.datetime({ offset: true }),
    /** The last instant whose tick runs (inclusive); not in the future. */
    to: z.iso.datetime({ offset: true }),
    /** Runs of the backfill in progress at once. */
    concurrency: z.number().int().min(1).max(50).default(5),
  })
  .refine((body) => Date.parse(body.to) >= Date.parse(body.from), {
    message: "must not be before from",
    path: ["to"],
  })
  .refine((body) => Date.parse(body.to) <= Date.now(), {
    message: "must not be in the future: the schedule runs those ticks itself",
    path: ["to"],
  });

export const updateBackfillBodySchema = z.strictObject({ status: z.enum(["running", "paused"]) });

export const backfillResponseSchema = z.object({
  id: z.uuid(),
  scheduleId: z.uuid(),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  concurrency: z.number().int(),
  status: z.enum(["running", "paused", "cancelled", "completed"]),
  lastError: z.string().nullable(),
  progress: z.object({
    /** Ticks between from and to. */
    total: z.number().int(),
    /** Ticks the schedule had run already (not run again). */
    skipped: z.number().int(),
    /** Runs of the backfill, by how they stand. */
    completed: z.number().int(),
    failed: z.number().int(),
    cancelled: z.number().int(),
    running: z.number().int(),
    /** Ticks not started yet. */
    remaining: z.number().int(),
  }),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});
export type BackfillResponse = z.output<typeof backfillResponseSchema>;
