import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { readJson } from "@/lib/api/read-json";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { createRule, listRules } from "@/lib/notifications/rules";
import { createRuleBodySchema, listRulesQuerySchema } from "@/lib/notifications/schema";

// GET /api/notifications/rules[?compositionId|workflowId|scheduleId] — your rules, each with its latest deliveries
export const GET = withUser(async ({ req, user }) => {
  const query = listRulesQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json({ rules: await listRules(db(), user, query) });
});

// POST /api/notifications/rules — a rule on a composition, workflow or schedule; 201 with it
export const POST = withUser(async ({ req, user }) => {
  const body = createRuleBodySchema.parse(await readJson(req));
  return NextResponse.json({ rule: await createRule(db(), user, body, env()) }, { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
