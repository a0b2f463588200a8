import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { BodyInput, ResponseOf } from "@/lib/api/contract";
import { isLiveNode } from "@/lib/statuses";
import { workflowsApi as api } from "@/lib/workflows/api";
import { FROM_THE_APP } from "./executions";
import { call, urlOf } from "./fetch-client";

export type WorkflowRun = ResponseOf<typeof api.runs>["items"][number];

export const workflowKeys = {
  all: ["workflows"] as const,
  list: () => [...workflowKeys.all, "list"] as const,
  runs: (workflowId: string) => [...workflowKeys.all, workflowId, "runs"] as const,
};

export const workflowsQueryOptions = () =>
  queryOptions({
    queryKey: workflowKeys.list(),
    queryFn: async () => (await call(api.list)).workflows,
  });

/** A workflow's runs, newest first, polled every second while one of them is live. */
export const workflowRunsQueryOptions = (workflowId: string, initialData?: WorkflowRun[]) =>
  queryOptions({
    queryKey: workflowKeys.runs(workflowId),
    queryFn: async () => (await call(api.runs, { params: { id: workflowId } })).items,
    initialData,
    refetchInterval: (query) => (query.state.data?.some((run) => isLiveNode(run.status)) ? 1000 : false),
  });

/** A workflow run's result URL (`…/result`; the CSV is at `…/result.csv`). */
export const workflowResultUrl = (workflowId: string, runId: string) =>
  urlOf(api.result, { id: workflowId, runId });

export const createWorkflow = (body: BodyInput<typeof api.create>) => call(api.create, { body });

export const updateWorkflow = (id: string, body: BodyInput<typeof api.update>) =>
  call(api.update, { params: { id }, body });

export const deleteWorkflow = (id: string) => call(api.delete, { params: { id } });

/** Starts a run of a standalone workflow from the browser (trigger `manual`); the new run's id. */
export async function startWorkflowRun(workflowId: string) {
  const { execution } = await call(api.run, { params: { id: workflowId }, headers: FROM_THE_APP });
  return execution;
}

/** The workflows made of one template, read while `enabled` (so that running it again makes no twin). */
export const useWorkflowsOf = (templateId: string, enabled: boolean) =>
  useQuery({
    ...workflowsQueryOptions(),
    enabled,
    select: (workflows) => workflows.filter((workflow) => workflow.templateId === templateId),
  });

export const useWorkflowRuns = (workflowId: string, initial?: WorkflowRun[]) =>
  useQuery(workflowRunsQueryOptions(workflowId, initial));

/** Runs a workflow from the app; its runs are read again. The answer is the new run. */
export function useRunWorkflow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (workflowId: string) => startWorkflowRun(workflowId),
    onSuccess: (_, workflowId) =>
      void queryClient.invalidateQueries({ queryKey: workflowKeys.runs(workflowId) }),
  });
}

/** Saves a template with parameters as a workflow and runs it at once; the answer is the workflow. */
export const useCreateAndRunWorkflow = () =>
  useMutation({
    mutationFn: async (body: BodyInput<typeof api.create>) => {
      const workflow = await createWorkflow(body);
      await startWorkflowRun(workflow.id);
      return workflow;
    },
  });

/** Renaming or re-parameterising a workflow, and deleting it; every workflow list is read again. */
export function useWorkflowChanges(id: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: workflowKeys.all });
  return {
    save: useMutation({
      mutationFn: (body: BodyInput<typeof api.update>) => updateWorkflow(id, body),
      onSuccess: () => void refresh(),
    }),
    remove: useMutation({ mutationFn: () => deleteWorkflow(id), onSuccess: () => void refresh() }),
  };
}
