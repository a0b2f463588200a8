import { handle, route } from "@/lib/auth/handle";
import { compositionsApi as api } from "@/lib/compositions/api";
import { getVersionOrThrow, versionParamSchema } from "@/lib/compositions/versions";
import { db } from "@/lib/db/client";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.version, async ({ user, params }) =>
    getVersionOrThrow(db(), user, params.id, versionParamSchema.parse(params.version)),
  ),
);
