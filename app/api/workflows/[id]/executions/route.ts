import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import { listWorkflowRuns, runWorkflow } from "@/lib/workflows/service";

type Params = { id: string };

// POST /api/workflows/:id/executions — run it with its saved parameters; 202 with the run
export const POST = withUser<Params>(
  async ({ req, user, params }) => {
    const trigger = req.headers.get("x-queryflow-client") === "web" ? "manual" : "api";
    return NextResponse.json(
      { execution: await runWorkflow(db(), user, params.id, trigger) },
      { status: 202 },
    );
  },
  { scope: "run" },
);

// GET /api/workflows/:id/executions — its runs, newest first
export const GET = withUser<Params>(async ({ user, params }) =>
  NextResponse.json({ items: await listWorkflowRuns(db(), user, params.id) }),
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
