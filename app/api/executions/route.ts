import { handle, route } from "@/lib/auth/handle";
import { db } from "@/lib/db/client";
import { executionsApi as api } from "@/lib/engine/api";
import { listExecutions } from "@/lib/engine/read";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.list, async ({ user, query }) => listExecutions(db(), user, query)),
);
