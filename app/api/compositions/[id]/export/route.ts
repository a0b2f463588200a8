import { NextResponse } from "next/server";
import { handle, route } from "@/lib/auth/handle";
import { compositionsApi as api } from "@/lib/compositions/api";
import { exportComposition } from "@/lib/compositions/transfer";
import { db } from "@/lib/db/client";

// A download: the browser saves it under the composition's id.
export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.export, async ({ user, params }) => {
    const file = await exportComposition(db(), user, params.id);
    const filename = `${file.composition.compositionId}.queryflow.json`;
    return NextResponse.json(file, {
      headers: { "content-disposition": `attachment; filename="${filename}"` },
    });
  }),
);
