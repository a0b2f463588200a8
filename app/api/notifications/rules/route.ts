import { handle, route } from "@/lib/auth/handle";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { notificationsApi as api } from "@/lib/notifications/api";
import { createRule, listRules } from "@/lib/notifications/rules";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.rules, async ({ user, query }) => ({ rules: await listRules(db(), user, query) })),
  handle(api.createRule, async ({ user, body }) => ({ rule: await createRule(db(), user, body, env()) })),
);
