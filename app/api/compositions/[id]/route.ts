import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { readJson } from "@/lib/api/read-json";
import { withUser } from "@/lib/auth/with-user";
import { updateCompositionBodySchema } from "@/lib/compositions/schema";
import { deleteComposition, getComposition, updateComposition } from "@/lib/compositions/service";
import { db } from "@/lib/db/client";

type Params = { id: string };

// GET /api/compositions/:id — one composition, with its findings and execution plan
export const GET = withUser<Params>(async ({ user, params }) =>
  NextResponse.json(await getComposition(db(), user, params.id)),
);

// PUT /api/compositions/:id — save; the body's `version` must be the current one (else 409)
export const PUT = withUser<Params>(async ({ req, user, params }) => {
  const body = updateCompositionBodySchema.parse(await readJson(req));
  return NextResponse.json(await updateComposition(db(), user, params.id, body));
});

// DELETE /api/compositions/:id
export const DELETE = withUser<Params>(async ({ user, params }) => {
  await deleteComposition(db(), user, params.id);
  return new NextResponse(null, { status: 204 });
});

export const { POST, PATCH } = otherMethods("GET", "PUT", "DELETE");
