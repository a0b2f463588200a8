import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { readJson } from "@/lib/api/read-json";
import { createTokenBodySchema } from "@/lib/auth/token-schema";
import { createToken, listTokens } from "@/lib/auth/tokens";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";

// Managing tokens takes a session: a token cannot list, mint or revoke tokens.

// GET /api/tokens — your API tokens (never their secrets), newest first
export const GET = withUser(async ({ user }) => NextResponse.json({ tokens: await listTokens(db(), user) }), {
  tokens: false,
});

// POST /api/tokens — 201 with the token and its secret, shown this once
export const POST = withUser(
  async ({ req, user }) => {
    const body = createTokenBodySchema.parse(await readJson(req));
    return NextResponse.json(await createToken(db(), user, body), { status: 201 });
  },
  { tokens: false },
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
