import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { withUser } from "@/lib/auth/with-user";
import { listVersions } from "@/lib/compositions/versions";
import { db } from "@/lib/db/client";

// GET /api/compositions/:id/versions — the immutable snapshots runs were made from
export const GET = withUser<{ id: string }>(async ({ user, params }) =>
  NextResponse.json(await listVersions(db(), user, params.id)),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
