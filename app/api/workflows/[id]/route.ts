import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { readJson } from "@/lib/api/read-json";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import {
  deleteWorkflow,
  getWorkflow,
  updateWorkflow,
  updateWorkflowBodySchema,
} from "@/lib/workflows/service";

type Params = { id: string };

// GET /api/workflows/:id
export const GET = withUser<Params>(async ({ user, params }) =>
  NextResponse.json(await getWorkflow(db(), user, params.id)),
);

// PATCH /api/workflows/:id — any of name, description, parameters
export const PATCH = withUser<Params>(async ({ req, user, params }) => {
  const patch = updateWorkflowBodySchema.parse(await readJson(req));
  return NextResponse.json(await updateWorkflow(db(), user, params.id, patch));
});

// DELETE /api/workflows/:id — with its runs and schedules; 409 while a run is going
export const DELETE = withUser<Params>(async ({ user, params }) => {
  await deleteWorkflow(db(), user, params.id);
  return new NextResponse(null, { status: 204 });
});

export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
