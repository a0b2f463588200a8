import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { withUser } from "@/lib/auth/with-user";
import { dataSourceDeps } from "@/lib/data-sources/deps";
import { previewUpload } from "@/lib/data-sources/upload";
import { readUploadForm } from "@/lib/data-sources/upload-form";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

// POST /api/data-sources/:id/files/preview — the upload's form → 200 { preview }, nothing written
export const POST = withUser<{ id: string }>(
  async ({ req, user, params }) => {
    const upload = await readUploadForm(req, env().DUCKDB_UPLOAD_MAX_BYTES);
    // A preview the browser stopped waiting for (the user chose another type) is stopped too.
    return NextResponse.json(
      await previewUpload(db(), user, params.id, upload, dataSourceDeps(db()), req.signal),
    );
  },
  { bodyTypes: ["multipart/form-data"] },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
