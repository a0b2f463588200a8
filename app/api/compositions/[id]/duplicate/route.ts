import { handle, route } from "@/lib/auth/handle";
import { compositionsApi as api } from "@/lib/compositions/api";
import { duplicateComposition } from "@/lib/compositions/service";
import { db } from "@/lib/db/client";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.duplicate, async ({ user, params, body }) => duplicateComposition(db(), user, params.id, body)),
);
