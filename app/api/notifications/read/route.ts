import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { readOptionalJson } from "@/lib/api/read-json";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import { markRead } from "@/lib/notifications/inbox";
import { markReadBodySchema } from "@/lib/notifications/schema";

// POST /api/notifications/read — { ids? }: mark those (or all) read; answers the inbox. A change, so
// an API token needs the write scope (read changes nothing).
export const POST = withUser(async ({ req, user }) =>
  NextResponse.json(
    await markRead(db(), user, markReadBodySchema.parse((await readOptionalJson(req)) ?? {})),
  ),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
