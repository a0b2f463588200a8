import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import { isLiveRun } from "@/lib/db/statuses";
import type { getExecution, getLogs, getResultPage } from "@/lib/engine/read";
import type { executionPageSchema, retriedRunSchema, startedRunSchema } from "@/lib/engine/responses";
import type { startRunBodySchema } from "@/lib/engine/start-run";
import { apiFetch, apiSend, segment } from "./fetch-client";

export type ExecutionView = Awaited<ReturnType<typeof getExecution>>;
export type ResultPage = Awaited<ReturnType<typeof getResultPage>>;
export type LogLines = Awaited<ReturnType<typeof getLogs>>;

export const executionKeys = {
  all: ["executions"] as const,
  detail: (id: string) => [...executionKeys.all, id] as const,
  logs: (id: string, nodeId: string) => [...executionKeys.detail(id), "logs", nodeId] as const,
};

/** A run, polled every second while it is live and not at all once it has finished. */
export const executionQueryOptions = (id: string, initialData?: ExecutionView) =>
  queryOptions({
    queryKey: executionKeys.detail(id),
    queryFn: () => apiFetch<ExecutionView>(`/api/executions/${segment(id)}`),
    initialData,
    refetchInterval: (query) => (query.state.data && isLiveRun(query.state.data.status) ? 1000 : false),
  });

/** A node execution's result URL (of a composition's run); workflows' runs have their own. */
export const nodeResultUrl = (executionId: string, nodeId: string) =>
  `/api/executions/${segment(executionId)}/nodes/${segment(nodeId)}/result`;

export type ResultOrder = { sort: string; order: "asc" | "desc" } | null;

/** A page of a result, by its URL (`…/result`; the CSV is at `…/result.csv`), in an order or as stored. */
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
    queryFn: () => apiFetch<LogLines>(`/api/executions/${segment(id)}/logs?nodeId=${segment(nodeId)}`),
    refetchInterval: live ? 1000 : false,
  });

/** A composition's latest runs (the editor's History menu), newest first. */
export const recentRunsQueryOptions = (compositionId: string, enabled: boolean) =>
  queryOptions({
    queryKey: [...executionKeys.all, "of", compositionId],
    queryFn: () =>
      apiFetch<z.output<typeof executionPageSchema>>(
        `/api/compositions/${segment(compositionId)}/executions?limit=10`,
      ),
    enabled,
  });

/** Starts a run of a composition from the browser (trigger `manual`); the new run's id. */
export async function startCompositionRun(
  compositionId: string,
  parameters?: NonNullable<z.input<typeof startRunBodySchema>>["parameters"],
) {
  const { execution } = await apiSend<z.output<typeof startedRunSchema>>(
    "POST",
    `/api/compositions/${segment(compositionId)}/executions`,
    parameters ? { parameters } : {},
    { headers: { "x-queryflow-client": "web" } },
  );
  return execution;
}

/** Cancels a live run; the run as it is then. */
export const cancelRun = (id: string) =>
  apiSend<ExecutionView>("POST", `/api/executions/${segment(id)}/cancel`);

/** Runs a finished run's failed, skipped and cancelled nodes again, as a new run. */
export const retryRun = (id: string) =>
  apiSend<z.output<typeof retriedRunSchema>>("POST", `/api/executions/${segment(id)}/retry`);
