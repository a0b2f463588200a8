import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { BodyInput } from "@/lib/api/contract";
import { schedulesApi as api } from "@/lib/schedules/api";
import { call } from "./fetch-client";

export const backfillKeys = {
  all: ["backfills"] as const,
  list: (scheduleId: string) => [...backfillKeys.all, scheduleId] as const,
};

/** A schedule's backfills with their progress, asked again every 2 s while one is running. */
export const backfillsQueryOptions = (scheduleId: string) =>
  queryOptions({
    queryKey: backfillKeys.list(scheduleId),
    queryFn: async () => (await call(api.backfills, { params: { id: scheduleId } })).backfills,
    refetchInterval: (query) => (query.state.data?.some((b) => b.status === "running") ? 2_000 : false),
  });

export const createBackfill = (scheduleId: string, body: BodyInput<typeof api.createBackfill>) =>
  call(api.createBackfill, { params: { id: scheduleId }, body });

export const setBackfillStatus = (id: string, status: "running" | "paused") =>
  call(api.updateBackfill, { params: { id }, body: { status } });

export const cancelBackfill = (id: string) => call(api.cancelBackfill, { params: { id } });

/** A schedule's backfills while `enabled` (the dialog is open), and starting, pausing, resuming, cancelling one. */
export function useBackfills(scheduleId: string, enabled: boolean) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: backfillKeys.list(scheduleId) });
  return {
    backfills: useQuery({ ...backfillsQueryOptions(scheduleId), enabled }),
    create: useMutation({
      mutationFn: (body: BodyInput<typeof api.createBackfill>) => createBackfill(scheduleId, body),
      onSuccess: () => void refresh(),
    }),
    control: useMutation({
      mutationFn: ({ id, action }: { id: string; action: "pause" | "resume" | "cancel" }) =>
        action === "cancel"
          ? cancelBackfill(id)
          : setBackfillStatus(id, action === "pause" ? "paused" : "running"),
      onSuccess: () => void refresh(),
    }),
  };
}
