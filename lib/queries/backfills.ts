import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type { BackfillResponse, createBackfillBodySchema } from "@/lib/schedules/backfill-schema";
import { apiFetch, apiSend, segment } from "./fetch-client";

export const backfillKeys = {
  all: ["backfills"] as const,
  list: (scheduleId: string) => [...backfillKeys.all, scheduleId] as const,
};

/** A schedule's backfills with their progress, asked again every 2 s while one is running. */
export const backfillsQueryOptions = (scheduleId: string) =>
  queryOptions({
    queryKey: backfillKeys.list(scheduleId),
    queryFn: async () =>
      (await apiFetch<{ backfills: BackfillResponse[] }>(`/api/schedules/${segment(scheduleId)}/backfills`))
        .backfills,
    refetchInterval: (query) => (query.state.data?.some((b) => b.status === "running") ? 2_000 : false),
  });

export const createBackfill = (scheduleId: string, body: z.input<typeof createBackfillBodySchema>) =>
  apiSend<{ backfill: BackfillResponse }>("POST", `/api/schedules/${segment(scheduleId)}/backfills`, body);

export const setBackfillStatus = (id: string, status: "running" | "paused") =>
  apiSend<{ backfill: BackfillResponse }>("PATCH", `/api/backfills/${segment(id)}`, { status });

export const cancelBackfill = (id: string) =>
  apiSend<{ backfill: BackfillResponse }>("DELETE", `/api/backfills/${segment(id)}`);
