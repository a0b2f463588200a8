import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import { getWorkflow } from "@/lib/workflows/service";

// GET /api/workflows/:id
export const GET = withUser<{ id: string }>(async ({ user, params }) =>
  NextResponse.json(await getWorkflow(db(), user, params.id)),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
