import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import { getExecution } from "@/lib/engine/read";

// GET /api/executions/:executionId — the run and every node's status
export const GET = withUser<{ executionId: string }>(async ({ user, params }) =>
  NextResponse.json(await getExecution(db(), user, params.executionId)),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
