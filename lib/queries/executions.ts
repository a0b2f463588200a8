import { queryOptions, useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import type { BodyInput, ResponseOf } from "@/lib/api/contract";
import { executionsApi as api } from "@/lib/engine/api";
import { isLiveRun } from "@/lib/statuses";
import { apiFetch, call, urlOf } from "./fetch-client";

export type ExecutionView = ResponseOf<typeof api.get>;
export type ResultPage = ResponseOf<typeof api.result>;
export type LogLines = ResponseOf<typeof api.logs>;

export const executionKeys = {
  all: ["executions"] as const,
  detail: (id: string) => [...executionKeys.all, id] as const,
  logs: (id: string, nodeId: string) => [...executionKeys.detail(id), "logs", nodeId] as const,
};

/** A run, polled every second while it is live and not at all once it has finished. */
export const executionQueryOptions = (id: string, initialData?: ExecutionView) =>
  queryOptions({
    queryKey: executionKeys.detail(id),
    queryFn: () => call(api.get, { params: { executionId: id } }),
    initialData,
    refetchInterval: (query) => (query.state.data && isLiveRun(query.state.data.status) ? 1000 : false),
  });

/** A node execution's result URL (of a composition's run); workflows' runs have their own. */
export const nodeResultUrl = (executionId: string, nodeId: string) =>
  urlOf(api.result, { executionId, nodeId });

export type ResultOrder = { sort: string; order: "asc" | "desc" } | null;

/**
 * A page of a result, by its URL (`…/result` of a node's or a workflow run's: the two answer the same
 * page; the CSV is at `…/result.csv`), in an order or as stored.
 */
export const resultPageQueryOptions = (
  resultUrl: string,
  offset: number,
  limit: number,
  order: ResultOrder = null,
) =>
  queryOptions({
    queryKey: ["results", resultUrl, offset, limit, order?.sort ?? null, order?.order ?? null],
    queryFn: () => {
      const query = new URLSearchParams({ offset: String(offset), limit: String(limit), ...order });
      return apiFetch<ResultPage>(`${resultUrl}?${query}`);
    },
    staleTime: Number.POSITIVE_INFINITY, // a finished node's result never changes
  });

export const logsQueryOptions = (id: string, nodeId: string, live: boolean) =>
  queryOptions({
    queryKey: executionKeys.logs(id, nodeId),
    queryFn: () => call(api.logs, { params: { executionId: id }, query: { nodeId } }),
    refetchInterval: live ? 1000 : false,
  });

/** A composition's latest runs (the editor's History menu), newest first. */
export const recentRunsQueryOptions = (compositionId: string, enabled: boolean) =>
  queryOptions({
    queryKey: [...executionKeys.all, "of", compositionId],
    queryFn: () => call(api.listOfComposition, { params: { id: compositionId }, query: { limit: 10 } }),
    enabled,
  });

/** The app says so: a run it starts is `manual`, not `api`. */
export const FROM_THE_APP = { "x-queryflow-client": "web" };

/** Starts a run of a composition from the browser (trigger `manual`); the new run's id. */
export async function startCompositionRun(
  compositionId: string,
  parameters?: NonNullable<BodyInput<typeof api.start>>["parameters"],
) {
  const body = parameters ? { parameters } : {};
  const { execution } = await call(api.start, { params: { id: compositionId }, body, headers: FROM_THE_APP });
  return execution;
}

/** Cancels a live run; the run as it is then. */
export const cancelRun = (id: string) => call(api.cancel, { params: { executionId: id } });

/** Runs a finished run's failed, skipped and cancelled nodes again, as a new run. */
export const retryRun = (id: string) => call(api.retry, { params: { executionId: id } });

export const useExecution = (id: string, initialData?: ExecutionView) =>
  useQuery(executionQueryOptions(id, initialData));

export const useLogs = (id: string, nodeId: string, live: boolean) =>
  useQuery(logsQueryOptions(id, nodeId, live));

export const useRecentRuns = (compositionId: string, enabled: boolean) =>
  useQuery(recentRunsQueryOptions(compositionId, enabled));

export const useResultPage = (resultUrl: string, offset: number, limit: number, order: ResultOrder = null) =>
  useQuery(resultPageQueryOptions(resultUrl, offset, limit, order));

/** Several pages of a result at once (those a virtualised table shows), each cached on its own. */
export const useResultPages = (resultUrl: string, offsets: number[], limit: number, order: ResultOrder) =>
  useQueries({ queries: offsets.map((offset) => resultPageQueryOptions(resultUrl, offset, limit, order)) });

/** Starts a run of a composition from the app, with these parameters (or its globals' values). */
export const useStartCompositionRun = (compositionId: string) =>
  useMutation({
    mutationFn: (parameters?: Parameters<typeof startCompositionRun>[1]) =>
      startCompositionRun(compositionId, parameters),
  });

/** Cancel (the run shows as it is then) and retry (a new run) of a run. */
export function useRunControls(id: string) {
  const queryClient = useQueryClient();
  return {
    cancel: useMutation({
      mutationFn: () => cancelRun(id),
      onSuccess: (data) => queryClient.setQueryData(executionKeys.detail(id), data),
    }),
    retry: useMutation({ mutationFn: () => retryRun(id) }),
  };
}
