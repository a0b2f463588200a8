import { otherMethods } from "@/lib/api/methods";
import { revokeToken } from "@/lib/auth/tokens";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";

// DELETE /api/tokens/:id — revoke one of your tokens: the next request with it is 401
export const DELETE = withUser<{ id: string }>(
  async ({ user, params }) => {
    await revokeToken(db(), user, params.id);
    return new Response(null, { status: 204 });
  },
  { tokens: false },
);

export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
