import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import { listTemplates, listTemplatesQuerySchema } from "@/lib/templates/service";

// GET /api/templates — the template catalog
export const GET = withUser(async ({ req }) => {
  const query = listTemplatesQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json({ templates: await listTemplates(db(), query) });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
