import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { readJson } from "@/lib/api/read-json";
import { withUser } from "@/lib/auth/with-user";
import { dataSourceDeps } from "@/lib/data-sources/deps";
import { db } from "@/lib/db/client";
import { describeTemplate, draftCallWrites } from "@/lib/templates/authoring";
import { describeTemplateBodySchema } from "@/lib/templates/schema";

// POST /api/templates/describe — a template's parameters and outputs (SQL: typed by its source, nothing runs)
export const POST = withUser(
  async ({ req, user, requireScope }) => {
    const body = describeTemplateBodySchema.parse(await readJson(req));
    if (draftCallWrites(body)) requireScope("run", "a test call that is not a GET");
    return NextResponse.json(await describeTemplate(db(), user, body, dataSourceDeps(db())));
  },
  { scope: "read" },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
