import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import { getLogs, logsQuerySchema } from "@/lib/engine/read";

// GET /api/executions/:executionId/logs?nodeId&after&limit
export const GET = withUser<{ executionId: string }>(async ({ req, user, params }) => {
  const query = logsQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json(await getLogs(db(), user, params.executionId, query));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
