import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { BodyInput, ResponseOf } from "@/lib/api/contract";
import { notificationsApi as api } from "@/lib/notifications/api";
import { call } from "./fetch-client";

/** Whose rules: a composition's, a workflow's or a schedule's. */
export type RuleTarget = { compositionId: string } | { workflowId: string } | { scheduleId: string };

export const notificationKeys = {
  all: ["notifications"] as const,
  inbox: () => [...notificationKeys.all, "inbox"] as const,
  rules: (target: RuleTarget) => [...notificationKeys.all, "rules", target] as const,
};

/** The bell: the newest in-app notifications, looked at again every 30 s. */
export const inboxQueryOptions = () =>
  queryOptions({
    queryKey: notificationKeys.inbox(),
    queryFn: () => call(api.inbox),
    refetchInterval: 30_000,
  });

export const markAllRead = () => call(api.markRead, { body: {} });
export const markRead = (ids: string[]) => call(api.markRead, { body: { ids } });

export const rulesQueryOptions = (target: RuleTarget) =>
  queryOptions({
    queryKey: notificationKeys.rules(target),
    queryFn: async () => (await call(api.rules, { query: target })).rules,
  });

export const createRule = (body: BodyInput<typeof api.createRule>) => call(api.createRule, { body });

export const setRuleEnabled = (id: string, enabled: boolean) =>
  call(api.updateRule, { params: { id }, body: { enabled } });

export const deleteRule = (id: string) => call(api.deleteRule, { params: { id } });

/** The bell's inbox, with marking read: the answer is the inbox as it is then. */
export function useInbox() {
  const queryClient = useQueryClient();
  const adopt = (inbox: ResponseOf<typeof api.inbox>) =>
    queryClient.setQueryData(notificationKeys.inbox(), inbox);
  return {
    inbox: useQuery(inboxQueryOptions()),
    readAll: useMutation({ mutationFn: markAllRead, onSuccess: adopt }),
    readOne: useMutation({ mutationFn: (id: string) => markRead([id]), onSuccess: adopt }),
  };
}

/** One target's rules while `enabled` (the dialog is open), and the changes to them. */
export function useRules(target: RuleTarget, enabled: boolean) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationKeys.rules(target) });
  return {
    rules: useQuery({ ...rulesQueryOptions(target), enabled }),
    refresh,
    create: useMutation({ mutationFn: createRule, onSuccess: () => void refresh() }),
    toggle: useMutation({
      mutationFn: (rule: { id: string; enabled: boolean }) => setRuleEnabled(rule.id, !rule.enabled),
      onSuccess: () => void refresh(),
    }),
    remove: useMutation({ mutationFn: deleteRule, onSuccess: () => void refresh() }),
  };
}
