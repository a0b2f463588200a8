import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import { listInbox } from "@/lib/notifications/inbox";

// GET /api/notifications — your newest in-app notifications and how many are unread
export const GET = withUser(async ({ user }) => NextResponse.json(await listInbox(db(), user)));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
