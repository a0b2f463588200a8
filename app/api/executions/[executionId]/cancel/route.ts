import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import { cancelExecution } from "@/lib/engine/control";
import { getExecution } from "@/lib/engine/read";

// POST /api/executions/:executionId/cancel
export const POST = withUser<{ executionId: string }>(
  async ({ user, params }) => {
    await cancelExecution(db(), user, params.executionId);
    return NextResponse.json(await getExecution(db(), user, params.executionId));
  },
  { scope: "run" },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
