import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { readJson } from "@/lib/api/read-json";
import { withUser } from "@/lib/auth/with-user";
import { dataSourceDeps } from "@/lib/data-sources/deps";
import { db } from "@/lib/db/client";
import { createTemplate } from "@/lib/templates/authored";
import { listTemplatesQuerySchema, saveTemplateBodySchema } from "@/lib/templates/schema";
import { listTemplates } from "@/lib/templates/service";

// GET /api/templates — the template catalog
export const GET = withUser(async ({ req, user }) => {
  const query = listTemplatesQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json({ templates: await listTemplates(db(), user, query) });
});

// POST /api/templates — a SQL template of your own on a data source you may use; parameters and
// outputs are inferred from the SQL when left out; version 1
export const POST = withUser(async ({ req, user }) => {
  const body = saveTemplateBodySchema.parse(await readJson(req));
  return NextResponse.json(
    { template: await createTemplate(db(), user, body, dataSourceDeps(db())) },
    { status: 201 },
  );
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
