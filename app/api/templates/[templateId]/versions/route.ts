import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import { listTemplateVersions } from "@/lib/templates/authored";

// GET /api/templates/:templateId/versions — every saved version, newest first
export const GET = withUser<{ templateId: string }>(async ({ user, params }) =>
  NextResponse.json({ versions: await listTemplateVersions(db(), user, params.templateId) }),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
