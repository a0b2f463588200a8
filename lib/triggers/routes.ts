import "server-only";
import { NextResponse } from "next/server";
import { readOptionalJson } from "@/lib/api/read-json";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import { appUrl, env } from "@/lib/env";
import { createTriggerBodySchema, type TriggerTarget } from "./schema";
import { createTrigger, listTriggers } from "./service";

/**
 * The handlers of `…/:id/triggers` for compositions and workflows alike: GET lists the webhooks
 * (those who may change the target), POST makes one (201 with its URL, and a signed one's secret,
 * shown once).
 */
export function triggerRoutes(targetOf: (params: { id: string }) => TriggerTarget) {
  return {
    GET: withUser<{ id: string }>(async ({ user, params }) =>
      NextResponse.json({ triggers: await listTriggers(db(), user, targetOf(params), appUrl()) }),
    ),
    POST: withUser<{ id: string }>(async ({ req, user, params }) => {
      const body = createTriggerBodySchema.parse((await readOptionalJson(req)) ?? {});
      const created = await createTrigger(db(), user, targetOf(params), body, env(), appUrl());
      return NextResponse.json(created, { status: 201 });
    }),
  };
}
