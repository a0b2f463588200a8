import { NextResponse } from "next/server";
import { z } from "zod";
import { otherMethods } from "@/lib/api/methods";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import { getTemplateVersion } from "@/lib/templates/authored";

const versionSchema = z.coerce.number().int().min(1).max(2_147_483_647);

// GET /api/templates/:templateId/versions/:version — one version as it was saved
export const GET = withUser<{ templateId: string; version: string }>(async ({ user, params }) =>
  NextResponse.json(
    await getTemplateVersion(db(), user, params.templateId, versionSchema.parse(params.version)),
  ),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
