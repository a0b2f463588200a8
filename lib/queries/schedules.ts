import { queryOptions } from "@tanstack/react-query";
import type { BodyInput } from "@/lib/api/contract";
import { schedulesApi as api } from "@/lib/schedules/api";
import { call } from "./fetch-client";

type PreviewBody = BodyInput<typeof api.preview>;

export const scheduleKeys = {
  all: ["schedules"] as const,
  preview: (body: PreviewBody) => [...scheduleKeys.all, "preview", body] as const,
  ofComposition: (compositionId: string) => [...scheduleKeys.all, "composition", compositionId] as const,
};

/** The schedules of one composition (any of its ids). */
export const compositionSchedulesOptions = (compositionId: string) =>
  queryOptions({
    queryKey: scheduleKeys.ofComposition(compositionId),
    queryFn: async () => (await call(api.list, { query: { compositionId } })).schedules,
  });

/** What a cron expression means in a zone, and its next runs (as the server will fire them). */
export const schedulePreviewOptions = (body: PreviewBody) =>
  queryOptions({
    queryKey: scheduleKeys.preview(body),
    queryFn: () => call(api.preview, { body }),
    retry: false,
  });

export const createSchedule = (body: BodyInput<typeof api.create>) => call(api.create, { body });

export const updateSchedule = (id: string, body: BodyInput<typeof api.update>) =>
  call(api.update, { params: { id }, body });

export const deleteSchedule = (id: string) => call(api.delete, { params: { id } });
