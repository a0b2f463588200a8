import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { readJson } from "@/lib/api/read-json";
import { withUser } from "@/lib/auth/with-user";
import { validateCompositionBodySchema } from "@/lib/compositions/schema";
import { validateDraft } from "@/lib/compositions/service";
import { db } from "@/lib/db/client";

// POST /api/compositions/validate — findings and execution plan of an unsaved document
export const POST = withUser(
  async ({ req, user }) => {
    const body = validateCompositionBodySchema.parse(await readJson(req));
    return NextResponse.json(await validateDraft(db(), user, body));
  },
  { scope: "read" },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
