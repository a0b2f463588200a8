import { handle, route } from "@/lib/auth/handle";
import { db } from "@/lib/db/client";
import { executionsApi as api } from "@/lib/engine/api";
import { getLogs } from "@/lib/engine/read";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.logs, async ({ user, params, query }) => getLogs(db(), user, params.executionId, query)),
);
