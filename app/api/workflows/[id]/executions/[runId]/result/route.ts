import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import { resultPageQuerySchema } from "@/lib/engine/read";
import { getWorkflowRunResult } from "@/lib/workflows/service";

// GET /api/workflows/:id/executions/:runId/result?offset&limit — a page of a run's result
export const GET = withUser<{ id: string; runId: string }>(async ({ req, user, params }) => {
  const query = resultPageQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json(await getWorkflowRunResult(db(), user, params.id, params.runId, query));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
