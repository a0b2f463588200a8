import { handle, route } from "@/lib/auth/handle";
import { compositionsApi as api } from "@/lib/compositions/api";
import { validateDraft } from "@/lib/compositions/service";
import { db } from "@/lib/db/client";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.validate, async ({ user, body }) => validateDraft(db(), user, body)),
);
