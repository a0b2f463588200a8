import { handle, route } from "@/lib/auth/handle";
import { compositionsApi as api } from "@/lib/compositions/api";
import { importComposition } from "@/lib/compositions/transfer";
import { db } from "@/lib/db/client";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.import, async ({ user, body }) => importComposition(db(), user, body)),
);
