import { AppError } from "@/lib/api/errors";
import { env } from "@/lib/env";
import { type UploadOptions, uploadOptionsSchema } from "./schema";

/**
 * An upload's multipart form: the file, and how to read and load it (table, mode, types, badLines).
 * The size is known before the body is read (browsers send it for a FormData upload), so a huge or
 * endless body is refused without holding it in memory.
 */
export async function readUploadForm(
  req: Request,
  maxBytes: number,
): Promise<{ fileName: string; bytes: Uint8Array; options: UploadOptions }> {
  const declared = req.headers.get("content-length");
  if (declared === null)
    throw new AppError({ code: "bad_request", message: "Send the upload with a Content-Length header." });
  const length = Number(declared);
  if (length > maxBytes + 64 * 1024)
    throw new AppError({
      code: "payload_too_large",
      message: `The upload is ${length} bytes; the most is ${maxBytes}.`,
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
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" && value ? value : undefined;
  };
  const options = uploadOptionsSchema.parse({
    table: field("table"),
    mode: field("mode"),
    types: field("types"),
    badLines: field("badLines"),
  });
  return { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()), options };
}

/** The upload of a request, within the configured size (DUCKDB_UPLOAD_MAX_BYTES). */
export const readUpload = (req: Request) => readUploadForm(req, env().DUCKDB_UPLOAD_MAX_BYTES);
