import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import { getResultPage, resultPageQuerySchema } from "@/lib/engine/read";

// GET /api/executions/:executionId/nodes/:nodeId/result?offset&limit
export const GET = withUser<{ executionId: string; nodeId: string }>(async ({ req, user, params }) => {
  const query = resultPageQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json(await getResultPage(db(), user, params.executionId, params.nodeId, query));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
