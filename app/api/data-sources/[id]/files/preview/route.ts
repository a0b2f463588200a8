import { otherMethods } from "@/lib/api/methods";
import { previewUpload } from "@/lib/data-sources/upload";
import { uploadRoute } from "@/lib/data-sources/upload-form";

// POST /api/data-sources/:id/files/preview — the upload's form → 200 { preview }, nothing written.
// A preview the browser stopped waiting for (the user chose another type) is stopped too.
export const POST = uploadRoute(previewUpload, 200);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
