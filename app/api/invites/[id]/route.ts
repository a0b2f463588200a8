import { accountsApi as api } from "@/lib/auth/api";
import { handle, route } from "@/lib/auth/handle";
import { deleteInvite } from "@/lib/auth/signup";
import { db } from "@/lib/db/client";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.deleteInvite, async ({ user, params }) => deleteInvite(db(), user, params.id)),
);
