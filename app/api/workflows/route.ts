import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { readJson } from "@/lib/api/read-json";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import { createWorkflow, createWorkflowBodySchema, listWorkflows } from "@/lib/workflows/service";

// GET /api/workflows — your workflows (every one for an admin)
export const GET = withUser(async ({ user }) =>
  NextResponse.json({ workflows: await listWorkflows(db(), user) }),
);

// POST /api/workflows — save a template with parameters; 400 naming a parameter that does not fit
export const POST = withUser(async ({ req, user }) => {
  const body = createWorkflowBodySchema.parse(await readJson(req));
  return NextResponse.json(await createWorkflow(db(), user, body), { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
