import { handle, route } from "@/lib/auth/handle";
import { db } from "@/lib/db/client";
import { notificationsApi as api } from "@/lib/notifications/api";
import { markRead } from "@/lib/notifications/inbox";

// A change, so an API token needs the write scope (read changes nothing); answers the inbox.
export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.markRead, async ({ user, body }) => markRead(db(), user, body)),
);
