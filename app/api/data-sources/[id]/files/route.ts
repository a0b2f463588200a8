import { otherMethods } from "@/lib/api/methods";
import { uploadFile } from "@/lib/data-sources/upload";
import { uploadRoute } from "@/lib/data-sources/upload-form";

// POST /api/data-sources/:id/files — multipart: file, table?, mode?, types?, badLines? → 201 { table, skipped }
export const POST = uploadRoute(uploadFile, 201);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
