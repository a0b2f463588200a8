import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { readJson } from "@/lib/api/read-json";
import { withUser } from "@/lib/auth/with-user";
import { listCompositions } from "@/lib/compositions/list";
import { createCompositionBodySchema, listCompositionsQuerySchema } from "@/lib/compositions/schema";
import { createComposition } from "@/lib/compositions/service";
import { db } from "@/lib/db/client";

// GET /api/compositions — the compositions the user can read, filtered, one page at a time
export const GET = withUser(async ({ req, user }) => {
  const query = listCompositionsQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json(await listCompositions(db(), user, query));
});

// POST /api/compositions — create a composition
export const POST = withUser(async ({ req, user }) => {
  const body = createCompositionBodySchema.parse(await readJson(req));
  return NextResponse.json(await createComposition(db(), user, body), { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
