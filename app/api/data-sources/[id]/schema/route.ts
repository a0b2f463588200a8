import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { withUser } from "@/lib/auth/with-user";
import { dataSourceDeps } from "@/lib/data-sources/deps";
import { schemaQuerySchema } from "@/lib/data-sources/schema";
import { dataSourceSchema } from "@/lib/data-sources/service";
import { db } from "@/lib/db/client";

// GET /api/data-sources/:id/schema[?refresh=true] — tables and columns, cached until refreshed
export const GET = withUser<{ id: string }>(async ({ req, user, params }) => {
  const query = schemaQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  const refresh = query.refresh === "true";
  return NextResponse.json(await dataSourceSchema(db(), user, params.id, { refresh }, dataSourceDeps(db())));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
