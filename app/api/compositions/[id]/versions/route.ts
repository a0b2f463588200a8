import { handle, route } from "@/lib/auth/handle";
import { compositionsApi as api } from "@/lib/compositions/api";
import { listVersions } from "@/lib/compositions/versions";
import { db } from "@/lib/db/client";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.versions, async ({ user, params }) => listVersions(db(), user, params.id)),
);
