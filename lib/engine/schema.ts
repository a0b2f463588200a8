import { z } from "zod";
import { instantCursorSchema } from "@/lib/api/cursor";
import { runStatusSchema, runTriggers } from "@/lib/statuses";

// What the runs API takes: safe in the browser (the contracts and their clients read it).

export const startRunBodySchema = z
  .object({ parameters: z.record(z.string(), z.unknown()).default({}) })
  .default({ parameters: {} });

export const listExecutionsQuerySchema = z.object({
  status: runStatusSchema.optional(),
  trigger: z.enum(runTriggers).optional(),
  /** Case-insensitive part of the composition's name or composition_id. */
  composition: z.string().trim().max(200).optional(),
  /** Started on or after this day / instant. */
  from: z.union([z.iso.date(), z.iso.datetime()]).optional(),
  /** Started before the end of this day / before this instant. */
  to: z.union([z.iso.date(), z.iso.datetime()]).optional(),
  /** The page cursor: `nextCursor` of the previous page. */
  cursor: instantCursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListExecutionsQuery = z.infer<typeof listExecutionsQuerySchema>;

export const resultPageQuerySchema = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(100),
  /** A column of the result to order the rows by (all of them, not only this page). */
  sort: z.string().min(1).max(200).optional(),
  order: z.enum(["asc", "desc"]).default("asc"),
});

export const logsQuerySchema = z.object({
  nodeId: z.string().max(100).optional(),
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
