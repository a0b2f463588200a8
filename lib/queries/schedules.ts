import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  createScheduleBodySchema,
  previewScheduleBodySchema,
  schedulePreviewSchema,
  updateScheduleBodySchema,
} from "@/lib/schedules/schema";
import type { ScheduleResponse } from "@/lib/schedules/service";
import { apiFetch, apiSend, segment } from "./fetch-client";

export const scheduleKeys = {
  all: ["schedules"] as const,
  preview: (body: z.input<typeof previewScheduleBodySchema>) =>
    [...scheduleKeys.all, "preview", body] as const,
  ofComposition: (compositionId: string) => [...scheduleKeys.all, "composition", compositionId] as const,
};

/** The schedules of one composition (any of its ids). */
export const compositionSchedulesOptions = (compositionId: string) =>
  queryOptions({
    queryKey: scheduleKeys.ofComposition(compositionId),
    queryFn: async () =>
      (
        await apiFetch<{ schedules: ScheduleResponse[] }>(
          `/api/schedules?compositionId=${segment(compositionId)}`,
        )
      ).schedules,
  });

/** What a cron expression means in a zone, and its next runs (as the server will fire them). */
export const schedulePreviewOptions = (body: z.input<typeof previewScheduleBodySchema>) =>
  queryOptions({
    queryKey: scheduleKeys.preview(body),
    queryFn: () => apiSend<z.output<typeof schedulePreviewSchema>>("POST", "/api/schedules/preview", body),
    retry: false,
  });

export const createSchedule = (body: z.input<typeof createScheduleBodySchema>) =>
  apiSend<ScheduleResponse>("POST", "/api/schedules", body);

export const updateSchedule = (id: string, body: z.input<typeof updateScheduleBodySchema>) =>
  apiSend<ScheduleResponse>("PATCH", `/api/schedules/${segment(id)}`, body);

export const deleteSchedule = (id: string) => apiSend<void>("DELETE", `/api/schedules/${segment(id)}`);
