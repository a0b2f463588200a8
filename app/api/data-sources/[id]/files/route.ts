import { NextResponse } from "next/server";
import { AppError } from "@/lib/api/errors";
import { otherMethods } from "@/lib/api/methods";
import { withUser } from "@/lib/auth/with-user";
import { dataSourceDeps } from "@/lib/data-sources/deps";
import { uploadModeSchema } from "@/lib/data-sources/schema";
import { uploadFile } from "@/lib/data-sources/upload";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

// POST /api/data-sources/:id/files — multipart: file (CSV, TSV, Parquet, JSON), table?, mode? → 201 { table }
export const POST = withUser<{ id: string }>(
  async ({ req, user, params }) => {
    // The size is known before the body is read (browsers send it for a FormData upload), so a huge or
    // endless body is refused without holding it in memory.
    const declared = req.headers.get("content-length");
    if (declared === null)
      throw new AppError({ code: "bad_request", message: "Send the upload with a Content-Length header." });
    const length = Number(declared);
    if (length > env().DUCKDB_UPLOAD_MAX_BYTES + 64 * 1024)
      throw new AppError({
        code: "payload_too_large",
        message: `The upload is ${length} bytes; the most is ${env().DUCKDB_UPLOAD_MAX_BYTES}.`,
      });
    const form = await req.formData().catch(() => {
      throw new AppError({
        code: "bad_request",
        message: "Send the file as multipart/form-data, in a field named file.",
      });
    });
    const file = form.get("file");
    if (!(file instanceof File))
      throw new AppError({
        code: "bad_request",
        message: "Send the file in a field named file.",
        issues: [{ path: ["file"], message: "is missing" }],
      });
    const table = form.get("table");
    const mode = uploadModeSchema.safeParse(form.get("mode") ?? undefined);
    if (!mode.success)
      throw new AppError({
        code: "bad_request",
        message: "mode is create (the default: refused when the table exists), replace or append.",
        issues: [{ path: ["mode"], message: "must be create, replace or append" }],
      });
    const upload = {
      fileName: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
      table: typeof table === "string" && table ? table : undefined,
      mode: mode.data,
    };
    return NextResponse.json(await uploadFile(db(), user, params.id, upload, dataSourceDeps(db())), {
      status: 201,
    });
  },
  { bodyTypes: ["multipart/form-data"] },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
