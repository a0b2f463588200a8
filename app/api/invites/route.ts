import { accountsApi as api } from "@/lib/auth/api";
import { handle, route } from "@/lib/auth/handle";
import { createInvite, listInvites } from "@/lib/auth/signup";
import { db } from "@/lib/db/client";
import { appUrl } from "@/lib/env";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.invites, async ({ user }) => listInvites(db(), user)),
  handle(api.createInvite, async ({ user, body }) => createInvite(db(), user, body, appUrl())),
);
