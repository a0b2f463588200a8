import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { triggersApi as api } from "@/lib/triggers/api";
import type { TriggerTarget } from "@/lib/triggers/schema";
import { call } from "./fetch-client";

export const triggerKeys = {
  all: ["triggers"] as const,
  list: (target: TriggerTarget) => [...triggerKeys.all, target] as const,
};

export const triggersQueryOptions = (target: TriggerTarget) =>
  queryOptions({
    queryKey: triggerKeys.list(target),
    queryFn: async () =>
      "compositionId" in target
        ? (await call(api.ofComposition, { params: { id: target.compositionId } })).triggers
        : (await call(api.ofWorkflow, { params: { id: target.workflowId } })).triggers,
  });

/** A new webhook, with a signed one's secret (shown once). */
export const createTrigger = (target: TriggerTarget, signed: boolean) => {
  const body = { kind: "webhook" as const, signed };
  return "compositionId" in target
    ? call(api.createForComposition, { params: { id: target.compositionId }, body })
    : call(api.createForWorkflow, { params: { id: target.workflowId }, body });
};

export const setTriggerEnabled = (id: string, enabled: boolean) =>
  call(api.update, { params: { id }, body: { enabled } });

export const deleteTrigger = (id: string) => call(api.delete, { params: { id } });

/** A composition's or workflow's webhooks, read while `enabled` (the dialog is open). */
export const useTriggers = (target: TriggerTarget, enabled: boolean) =>
  useQuery({ ...triggersQueryOptions(target), enabled });

/** The changes to a target's webhooks; each reads the list again when it succeeds. */
export function useTriggerChanges(target: TriggerTarget) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: triggerKeys.list(target) });
  return {
    create: useMutation({
      mutationFn: (signed: boolean) => createTrigger(target, signed),
      onSuccess: () => void refresh(),
    }),
    toggle: useMutation({
      mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) => setTriggerEnabled(id, enabled),
      onSuccess: () => void refresh(),
    }),
    remove: useMutation({ mutationFn: deleteTrigger, onSuccess: () => void refresh() }),
  };
}
