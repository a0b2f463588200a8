import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { withUser } from "@/lib/auth/with-user";
import { getVersionOrThrow, versionParamSchema } from "@/lib/compositions/versions";
import { db } from "@/lib/db/client";

// GET /api/compositions/:id/versions/:version — one snapshot
export const GET = withUser<{ id: string; version: string }>(async ({ user, params }) =>
  NextResponse.json(await getVersionOrThrow(db(), user, params.id, versionParamSchema.parse(params.version))),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
