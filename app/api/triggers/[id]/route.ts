import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { readJson } from "@/lib/api/read-json";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import { appUrl } from "@/lib/env";
import { updateTriggerBodySchema } from "@/lib/triggers/schema";
import { deleteTrigger, updateTrigger } from "@/lib/triggers/service";

type Params = { id: string };

// PATCH /api/triggers/:id — { enabled }: switched off, its URL answers 404
export const PATCH = withUser<Params>(async ({ req, user, params }) => {
  const body = updateTriggerBodySchema.parse(await readJson(req));
  return NextResponse.json({ trigger: await updateTrigger(db(), user, params.id, body, appUrl()) });
});

// DELETE /api/triggers/:id — its URL answers 404 from now on
export const DELETE = withUser<Params>(async ({ user, params }) => {
  await deleteTrigger(db(), user, params.id);
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT } = otherMethods("PATCH", "DELETE");
