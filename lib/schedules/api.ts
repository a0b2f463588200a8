import { z } from "zod";
import { operation } from "@/lib/api/contract";
import {
  backfillResponseSchema,
  createBackfillBodySchema,
  updateBackfillBodySchema,
} from "./backfill-schema";
import {
  createScheduleBodySchema,
  listSchedulesQuerySchema,
  previewScheduleBodySchema,
  schedulePreviewSchema,
  scheduleResponseSchema,
  updateScheduleBodySchema,
} from "./schema";

// The schedules API: cron schedules of compositions and workflows, and their backfills.

const backfill = z.object({ backfill: backfillResponseSchema });

export const schedulesApi = {
  list: operation({
    method: "GET",
    path: "/api/schedules",
    summary: "Schedules of the compositions you can read",
    query: listSchedulesQuerySchema,
    response: z.object({ schedules: z.array(scheduleResponseSchema) }),
    status: 200,
    errors: [400, 404],
  }),
  create: operation({
    method: "POST",
    path: "/api/schedules",
    summary: "Schedule a composition",
    body: createScheduleBodySchema,
    response: scheduleResponseSchema,
    status: 201,
    errors: [400, 403, 404, 409, 422],
  }),
  preview: operation({
    method: "POST",
    path: "/api/schedules/preview",
    summary: "A cron expression in words and its next runs",
    body: previewScheduleBodySchema,
    response: schedulePreviewSchema,
    status: 200,
    errors: [400],
    scope: "read",
  }),
  get: operation({
    method: "GET",
    path: "/api/schedules/{id}",
    summary: "One schedule",
    response: scheduleResponseSchema,
    status: 200,
    errors: [404],
  }),
  update: operation({
    method: "PATCH",
    path: "/api/schedules/{id}",
    summary: "Change, enable or disable a schedule (its job moves at once)",
    body: updateScheduleBodySchema,
    response: scheduleResponseSchema,
    status: 200,
    errors: [400, 403, 404, 409, 422],
  }),
  delete: operation({
    method: "DELETE",
    path: "/api/schedules/{id}",
    summary: "Delete a schedule (its runs stay)",
    response: null,
    status: 204,
    errors: [403, 404],
  }),
  backfills: operation({
    method: "GET",
    path: "/api/schedules/{id}/backfills",
    summary: "A schedule's backfills, newest first, with their progress",
    response: z.object({ backfills: z.array(backfillResponseSchema) }),
    status: 200,
    errors: [404],
  }),
  createBackfill: operation({
    method: "POST",
    path: "/api/schedules/{id}/backfills",
    summary:
      "Backfill: run every tick of the schedule between from and to (each at most once), concurrency at a time",
    body: createBackfillBodySchema,
    response: backfill,
    status: 201,
    errors: [400, 403, 404],
  }),
  backfill: operation({
    method: "GET",
    path: "/api/backfills/{id}",
    summary: "A backfill and its progress",
    response: backfill,
    status: 200,
    errors: [404],
  }),
  updateBackfill: operation({
    method: "PATCH",
    path: "/api/backfills/{id}",
    summary: "Pause or resume a backfill",
    body: updateBackfillBodySchema,
    response: backfill,
    status: 200,
    errors: [400, 403, 404, 409],
  }),
  cancelBackfill: operation({
    method: "DELETE",
    path: "/api/backfills/{id}",
    summary: "Cancel a backfill (its runs in progress are cancelled)",
    response: backfill,
    status: 200,
    errors: [403, 404, 409],
  }),
};
