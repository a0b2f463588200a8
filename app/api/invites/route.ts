import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { readOptionalJson } from "@/lib/api/read-json";
import { createInvite, createInviteBodySchema, listInvites } from "@/lib/auth/signup";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import { appUrl } from "@/lib/env";

// GET /api/invites — admins: the invites (newest first) and the sign-up policy in force
export const GET = withUser(async ({ user }) => NextResponse.json(await listInvites(db(), user)));

// POST /api/invites — admins: 201 with the invite and its link (shown this once)
export const POST = withUser(async ({ req, user }) => {
  const body = createInviteBodySchema.parse((await readOptionalJson(req)) ?? {});
  return NextResponse.json(await createInvite(db(), user, body, appUrl()), { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
