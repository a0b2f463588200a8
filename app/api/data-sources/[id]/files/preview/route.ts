import { handle, route } from "@/lib/auth/handle";
import { dataSourcesApi as api } from "@/lib/data-sources/api";
import { dataSourceDeps } from "@/lib/data-sources/deps";
import { previewUpload } from "@/lib/data-sources/upload";
import { readUpload } from "@/lib/data-sources/upload-form";
import { db } from "@/lib/db/client";

// The request's signal: a preview the browser stopped waiting for (the user chose another type) stops too.
export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.previewUpload, async ({ req, user, params }) =>
    previewUpload(db(), user, params.id, await readUpload(req), dataSourceDeps(db()), req.signal),
  ),
);
