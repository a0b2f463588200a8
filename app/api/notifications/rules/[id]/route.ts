import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { readJson } from "@/lib/api/read-json";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import { deleteRule, updateRule } from "@/lib/notifications/rules";
import { updateRuleBodySchema } from "@/lib/notifications/schema";

type Params = { id: string };

// PATCH /api/notifications/rules/:id — { enabled }
export const PATCH = withUser<Params>(async ({ req, user, params }) =>
  NextResponse.json({
    rule: await updateRule(db(), user, params.id, updateRuleBodySchema.parse(await readJson(req))),
  }),
);

// DELETE /api/notifications/rules/:id — the rule and its deliveries
export const DELETE = withUser<Params>(async ({ user, params }) => {
  await deleteRule(db(), user, params.id);
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT } = otherMethods("PATCH", "DELETE");
