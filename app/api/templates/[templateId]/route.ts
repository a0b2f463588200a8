import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import { getTemplateOrThrow } from "@/lib/templates/service";

// GET /api/templates/:templateId — one template
export const GET = withUser<{ templateId: string }>(async ({ params }) =>
  NextResponse.json(await getTemplateOrThrow(db(), params.templateId)),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
