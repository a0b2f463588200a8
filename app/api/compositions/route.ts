import { handle, route } from "@/lib/auth/handle";
import { compositionsApi as api } from "@/lib/compositions/api";
import { listCompositions } from "@/lib/compositions/list";
import { createComposition } from "@/lib/compositions/service";
import { db } from "@/lib/db/client";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.list, async ({ user, query }) => listCompositions(db(), user, query)),
  handle(api.create, async ({ user, body }) => createComposition(db(), user, body)),
);
