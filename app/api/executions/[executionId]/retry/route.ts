import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import { retryExecution } from "@/lib/engine/control";

// POST /api/executions/:executionId/retry — a new run re-running what did not complete
export const POST = withUser<{ executionId: string }>(
  async ({ user, params }) => {
    const execution = await retryExecution(db(), user, params.executionId);
    return NextResponse.json(
      { execution: { id: execution.id, status: execution.status, retryOfId: execution.retryOfId } },
      { status: 202 },
    );
  },
  { scope: "run" },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
