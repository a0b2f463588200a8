import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import { isLiveNode } from "@/lib/db/statuses";
import type { startedRunSchema } from "@/lib/engine/responses";
import type {
  createWorkflowBodySchema,
  updateWorkflowBodySchema,
  WorkflowResponse,
  workflowRunSchema,
} from "@/lib/workflows/service";
import { apiFetch, apiSend, segment } from "./fetch-client";

export type WorkflowRun = z.output<typeof workflowRunSchema>;

export const workflowKeys = {
  all: ["workflows"] as const,
  list: () => [...workflowKeys.all, "list"] as const,
  runs: (workflowId: string) => [...workflowKeys.all, workflowId, "runs"] as const,
};

export const workflowsQueryOptions = () =>
  queryOptions({
    queryKey: workflowKeys.list(),
    queryFn: async () => (await apiFetch<{ workflows: WorkflowResponse[] }>("/api/workflows")).workflows,
  });

/** A workflow's runs, newest first, polled every second while one of them is live. */
export const workflowRunsQueryOptions = (workflowId: string, initialData?: WorkflowRun[]) =>
  queryOptions({
    queryKey: workflowKeys.runs(workflowId),
    queryFn: async () =>
      (await apiFetch<{ items: WorkflowRun[] }>(`/api/workflows/${segment(workflowId)}/executions`)).items,
    initialData,
    refetchInterval: (query) => (query.state.data?.some((run) => isLiveNode(run.status)) ? 1000 : false),
  });

/** A workflow run's result URL (`…/result`; the CSV is at `…/result.csv`). */
export const workflowResultUrl = (workflowId: string, runId: string) =>
  `/api/workflows/${segment(workflowId)}/executions/${segment(runId)}/result`;

export const createWorkflow = (body: z.input<typeof createWorkflowBodySchema>) =>
  apiSend<WorkflowResponse>("POST", "/api/workflows", body);

export const updateWorkflow = (id: string, body: z.input<typeof updateWorkflowBodySchema>) =>
  apiSend<WorkflowResponse>("PATCH", `/api/workflows/${segment(id)}`, body);

export const deleteWorkflow = (id: string) => apiSend<void>("DELETE", `/api/workflows/${segment(id)}`);

/** Starts a run of a standalone workflow from the browser (trigger `manual`); the new run's id. */
export async function startWorkflowRun(workflowId: string) {
  const { execution } = await apiSend<z.output<typeof startedRunSchema>>(
    "POST",
    `/api/workflows/${segment(workflowId)}/executions`,
    undefined,
    { headers: { "x-queryflow-client": "web" } },
  );
  return execution;
}
