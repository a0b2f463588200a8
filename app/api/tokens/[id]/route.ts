import { accountsApi as api } from "@/lib/auth/api";
import { handle, route } from "@/lib/auth/handle";
import { revokeToken } from "@/lib/auth/tokens";
import { db } from "@/lib/db/client";

// The next request with the token is 401.
export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.revokeToken, async ({ user, params }) => revokeToken(db(), user, params.id)),
);
