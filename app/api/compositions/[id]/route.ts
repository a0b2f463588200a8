import { handle, route } from "@/lib/auth/handle";
import { compositionsApi as api } from "@/lib/compositions/api";
import { deleteComposition, getComposition, updateComposition } from "@/lib/compositions/service";
import { db } from "@/lib/db/client";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.get, async ({ user, params }) => getComposition(db(), user, params.id)),
  handle(api.update, async ({ user, params, body }) => updateComposition(db(), user, params.id, body)),
  handle(api.delete, async ({ user, params }) => deleteComposition(db(), user, params.id)),
);
