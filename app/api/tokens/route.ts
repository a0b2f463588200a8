import { accountsApi as api } from "@/lib/auth/api";
import { handle, route } from "@/lib/auth/handle";
import { createToken, listTokens } from "@/lib/auth/tokens";
import { db } from "@/lib/db/client";

// A session only (the operations say so): a token cannot list, mint or revoke tokens.
export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.tokens, async ({ user }) => ({ tokens: await listTokens(db(), user) })),
  handle(api.createToken, async ({ user, body }) => createToken(db(), user, body)),
);
