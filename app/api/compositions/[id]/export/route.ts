import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { withUser } from "@/lib/auth/with-user";
import { exportComposition } from "@/lib/compositions/transfer";
import { db } from "@/lib/db/client";

// GET /api/compositions/:id/export — the composition as a file to download and import elsewhere
export const GET = withUser<{ id: string }>(async ({ user, params }) => {
  const file = await exportComposition(db(), user, params.id);
  return NextResponse.json(file, {
    headers: {
      "content-disposition": `attachment; filename="${file.composition.compositionId}.queryflow.json"`,
    },
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
