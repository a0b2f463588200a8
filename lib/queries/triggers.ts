import { queryOptions } from "@tanstack/react-query";
import type { TriggerResponse, TriggerTarget } from "@/lib/triggers/schema";
import { apiFetch, apiSend, segment } from "./fetch-client";

const base = (target: TriggerTarget) =>
  "compositionId" in target
    ? `/api/compositions/${segment(target.compositionId)}/triggers`
    : `/api/workflows/${segment(target.workflowId)}/triggers`;

export const triggerKeys = {
  all: ["triggers"] as const,
  list: (target: TriggerTarget) => [...triggerKeys.all, target] as const,
};

export const triggersQueryOptions = (target: TriggerTarget) =>
  queryOptions({
    queryKey: triggerKeys.list(target),
    queryFn: async () => (await apiFetch<{ triggers: TriggerResponse[] }>(base(target))).triggers,
  });

/** A new webhook, with a signed one's secret (shown once). */
export const createTrigger = (target: TriggerTarget, signed: boolean) =>
  apiSend<{ trigger: TriggerResponse & { secret?: string } }>("POST", base(target), {
    kind: "webhook",
    signed,
  });

export const setTriggerEnabled = (id: string, enabled: boolean) =>
  apiSend<{ trigger: TriggerResponse }>("PATCH", `/api/triggers/${segment(id)}`, { enabled });

export const deleteTrigger = (id: string) => apiSend<void>("DELETE", `/api/triggers/${segment(id)}`);
