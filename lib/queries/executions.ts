import { queryOptions } from "@tanstack/react-query";
import { isLiveRun } from "@/lib/db/statuses";
import type { getExecution, getLogs, getResultPage } from "@/lib/engine/read";
import { apiFetch } from "./fetch-client";

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
    queryFn: () => apiFetch<ExecutionView>(`/api/executions/${id}`),
    initialData,
    refetchInterval: (query) => (query.state.data && isLiveRun(query.state.data.status) ? 1000 : false),
  });

/** A node execution's result URL (of a composition's run); workflows' runs have their own. */
export const nodeResultUrl = (executionId: string, nodeId: string) =>
  `/api/executions/${executionId}/nodes/${encodeURIComponent(nodeId)}/result`;

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
    queryFn: () => apiFetch<LogLines>(`/api/executions/${id}/logs?nodeId=${encodeURIComponent(nodeId)}`),
    refetchInterval: live ? 1000 : false,
  });

/** Starts a run of a composition from the browser (trigger `manual`); the new run's id. */
export async function startCompositionRun(
  compositionId: string,
  parameters?: Record<string, unknown>,
): Promise<{ id: string }> {
  const { execution } = await apiFetch<{ execution: { id: string } }>(
    `/api/compositions/${encodeURIComponent(compositionId)}/executions`,
    {
      method: "POST",
      headers: { "x-queryflow-client": "web" },
      body: JSON.stringify(parameters ? { parameters } : {}),
    },
  );
  return execution;
}

/** Starts a run of a standalone workflow from the browser (trigger `manual`); the new run's id. */
export async function startWorkflowRun(workflowId: string): Promise<{ id: string }> {
  const { execution } = await apiFetch<{ execution: { id: string } }>(
    `/api/workflows/${encodeURIComponent(workflowId)}/executions`,
    { method: "POST", headers: { "x-queryflow-client": "web" } },
  );
  return execution;
}
