import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { readOptionalJson } from "@/lib/api/read-json";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import { listCompositionExecutions, listExecutionsQuerySchema } from "@/lib/engine/read";
import { startRun, startRunBodySchema } from "@/lib/engine/start-run";

type Params = { id: string };

// POST /api/compositions/:id/executions — run it; body { parameters }; 202 with the execution
export const POST = withUser<Params>(
  async ({ req, user, params }) => {
    const body = startRunBodySchema.parse((await readOptionalJson(req)) ?? {});
    const trigger = req.headers.get("x-queryflow-client") === "web" ? "manual" : "api";
    const execution = await startRun(db(), user, params.id, { parameters: body.parameters, trigger });
    return NextResponse.json({ execution: { id: execution.id, status: execution.status } }, { status: 202 });
  },
  { scope: "run" },
);

// GET /api/compositions/:id/executions — its runs, newest first
export const GET = withUser<Params>(async ({ req, user, params }) => {
  const query = listExecutionsQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json(await listCompositionExecutions(db(), user, params.id, query));
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
