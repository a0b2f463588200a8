import { z } from "zod";
import { operation } from "@/lib/api/contract";
import {
  createRuleBodySchema,
  inboxSchema,
  listRulesQuerySchema,
  markReadBodySchema,
  ruleResponseSchema,
  updateRuleBodySchema,
} from "./schema";

// The notifications API: rules on runs, and the in-app inbox.

const rule = z.object({ rule: ruleResponseSchema });

export const notificationsApi = {
  rules: operation({
    method: "GET",
    path: "/api/notifications/rules",
    summary:
      "Your notification rules (on one composition, workflow or schedule when named), each with its latest deliveries",
    query: listRulesQuerySchema,
    response: z.object({ rules: z.array(ruleResponseSchema) }),
    status: 200,
    errors: [400, 404],
  }),
  createRule: operation({
    method: "POST",
    path: "/api/notifications/rules",
    summary:
      "A notification rule: events of a composition's, workflow's or schedule's runs, sent to a webhook, an e-mail address or your bell",
    body: createRuleBodySchema,
    response: rule,
    status: 201,
    errors: [400, 404, 409],
  }),
  updateRule: operation({
    method: "PATCH",
    path: "/api/notifications/rules/{id}",
    summary: "Switch a notification rule on or off",
    body: updateRuleBodySchema,
    response: rule,
    status: 200,
    errors: [400, 404],
  }),
  deleteRule: operation({
    method: "DELETE",
    path: "/api/notifications/rules/{id}",
    summary: "Delete a notification rule and its deliveries",
    response: null,
    status: 204,
    errors: [404],
  }),
  inbox: operation({
    method: "GET",
    path: "/api/notifications",
    summary: "Your newest in-app notifications and how many are unread",
    response: inboxSchema,
    status: 200,
    errors: [],
  }),
  markRead: operation({
    method: "POST",
    path: "/api/notifications/read",
    summary: "Mark in-app notifications read (all when no ids are given)",
    body: markReadBodySchema,
    bodyOptional: true,
    response: inboxSchema,
    status: 200,
    errors: [400],
  }),
};
