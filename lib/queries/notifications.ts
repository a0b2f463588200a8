import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type { createRuleBodySchema, inboxSchema, RuleResponse } from "@/lib/notifications/schema";
import { apiFetch, apiSend, segment } from "./fetch-client";

type Inbox = z.output<typeof inboxSchema>;
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
    queryFn: () => apiFetch<Inbox>("/api/notifications"),
    refetchInterval: 30_000,
  });

export const markAllRead = () => apiSend<Inbox>("POST", "/api/notifications/read", {});
export const markRead = (ids: string[]) => apiSend<Inbox>("POST", "/api/notifications/read", { ids });

export const rulesQueryOptions = (target: RuleTarget) =>
  queryOptions({
    queryKey: notificationKeys.rules(target),
    queryFn: async () =>
      (
        await apiFetch<{ rules: RuleResponse[] }>(
          `/api/notifications/rules?${new URLSearchParams(target as Record<string, string>)}`,
        )
      ).rules,
  });

export const createRule = (body: z.input<typeof createRuleBodySchema>) =>
  apiSend<{ rule: RuleResponse }>("POST", "/api/notifications/rules", body);

export const setRuleEnabled = (id: string, enabled: boolean) =>
  apiSend<{ rule: RuleResponse }>("PATCH", `/api/notifications/rules/${segment(id)}`, { enabled });

export const deleteRule = (id: string) => apiSend<void>("DELETE", `/api/notifications/rules/${segment(id)}`);
