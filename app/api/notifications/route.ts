import { handle, route } from "@/lib/auth/handle";
import { db } from "@/lib/db/client";
import { notificationsApi as api } from "@/lib/notifications/api";
import { listInbox } from "@/lib/notifications/inbox";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.inbox, async ({ user }) => listInbox(db(), user)),
);
