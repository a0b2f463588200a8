import { NextResponse } from "next/server";
import { otherMethods } from "@/lib/api/methods";
import { withUser } from "@/lib/auth/with-user";
import { dataSourceDeps } from "@/lib/data-sources/deps";
import { uploadFile } from "@/lib/data-sources/upload";
import { readUploadForm } from "@/lib/data-sources/upload-form";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

// POST /api/data-sources/:id/files — multipart: file, table?, mode?, types?, badLines? → 201 { table, skipped }
export const POST = withUser<{ id: string }>(
  async ({ req, user, params }) => {
    const upload = await readUploadForm(req, env().DUCKDB_UPLOAD_MAX_BYTES);
    return NextResponse.json(await uploadFile(db(), user, params.id, upload, dataSourceDeps(db())), {
      status: 201,
    });
  },
  { bodyTypes: ["multipart/form-data"] },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
