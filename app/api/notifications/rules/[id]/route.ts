import { handle, route } from "@/lib/auth/handle";
import { db } from "@/lib/db/client";
import { notificationsApi as api } from "@/lib/notifications/api";
import { deleteRule, updateRule } from "@/lib/notifications/rules";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.updateRule, async ({ user, params, body }) => ({
    rule: await updateRule(db(), user, params.id, body),
  })),
  handle(api.deleteRule, async ({ user, params }) => deleteRule(db(), user, params.id)),
);
