import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { readJson } from "@/lib/api/read-json";
import { withUser } from "@/lib/auth/with-user";
import { dataSourceDeps } from "@/lib/data-sources/deps";
import { db } from "@/lib/db/client";
import { draftCallWrites, previewTemplate } from "@/lib/templates/authoring";
import { previewTemplateBodySchema } from "@/lib/templates/schema";

// POST /api/templates/preview — a template's first 100 rows with the given values, and the time taken
export const POST = withUser(
  async ({ req, user, requireScope }) => {
    const body = previewTemplateBodySchema.parse(await readJson(req));
    if (draftCallWrites(body)) requireScope("run", "a test call that is not a GET");
    return NextResponse.json(await previewTemplate(db(), user, body, dataSourceDeps(db())));
  },
  { scope: "read" },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
