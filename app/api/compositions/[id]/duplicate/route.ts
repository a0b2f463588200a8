import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { readOptionalJson } from "@/lib/api/read-json";
import { withUser } from "@/lib/auth/with-user";
import { duplicateCompositionBodySchema } from "@/lib/compositions/schema";
import { duplicateComposition } from "@/lib/compositions/service";
import { db } from "@/lib/db/client";

// POST /api/compositions/:id/duplicate — a private copy owned by the caller; body { name? } is optional
export const POST = withUser<{ id: string }>(async ({ req, user, params }) => {
  const body = duplicateCompositionBodySchema.parse((await readOptionalJson(req)) ?? {});
  return NextResponse.json(await duplicateComposition(db(), user, params.id, body), { status: 201 });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
