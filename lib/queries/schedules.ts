import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
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

export const useSchedulePreview = (body: PreviewBody) => useQuery(schedulePreviewOptions(body));

export const useCompositionSchedules = (compositionId: string) =>
  useQuery(compositionSchedulesOptions(compositionId));

type Fields = BodyInput<typeof api.update>;

/** Making, changing, switching and deleting schedules; each reads every schedule list again. */
export function useScheduleChanges() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: scheduleKeys.all });
  return {
    save: useMutation({
      mutationFn: (change: { id: string; fields: Fields } | { create: BodyInput<typeof api.create> }) =>
        "id" in change ? updateSchedule(change.id, change.fields) : createSchedule(change.create),
      onSuccess: () => void refresh(),
    }),
    toggle: useMutation({
      mutationFn: (schedule: { id: string; isActive: boolean }) =>
        updateSchedule(schedule.id, { isActive: !schedule.isActive }),
      onSuccess: () => void refresh(),
    }),
    remove: useMutation({ mutationFn: (id: string) => deleteSchedule(id), onSuccess: () => void refresh() }),
  };
}
