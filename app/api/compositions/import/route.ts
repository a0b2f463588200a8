import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { readJson } from "@/lib/api/read-json";
import { withUser } from "@/lib/auth/with-user";
import { exportFileSchema } from "@/lib/compositions/schema";
import { importComposition } from "@/lib/compositions/transfer";
import { db } from "@/lib/db/client";

// POST /api/compositions/import — a new composition from an exported file
export const POST = withUser(async ({ req, user }) => {
  const file = exportFileSchema.parse(await readJson(req));
  return NextResponse.json(await importComposition(db(), user, file), { status: 201 });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
