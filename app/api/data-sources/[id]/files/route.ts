import { handle, route } from "@/lib/auth/handle";
import { dataSourcesApi as api } from "@/lib/data-sources/api";
import { dataSourceDeps } from "@/lib/data-sources/deps";
import { uploadFile } from "@/lib/data-sources/upload";
import { readUpload } from "@/lib/data-sources/upload-form";
import { db } from "@/lib/db/client";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.upload, async ({ req, user, params }) =>
    uploadFile(db(), user, params.id, await readUpload(req), dataSourceDeps(db())),
  ),
);
