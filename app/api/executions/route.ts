import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import { listExecutions, listExecutionsQuerySchema } from "@/lib/engine/read";

// GET /api/executions — runs the user can read, newest first; filters: status, trigger, composition, from, to
export const GET = withUser(async ({ req, user }) => {
  const query = listExecutionsQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json(await listExecutions(db(), user, query));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
