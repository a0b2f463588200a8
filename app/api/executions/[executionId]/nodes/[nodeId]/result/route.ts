import { handle, route } from "@/lib/auth/handle";
import { db } from "@/lib/db/client";
import { executionsApi as api } from "@/lib/engine/api";
import { getResultPage } from "@/lib/engine/read";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.result, async ({ user, params, query }) =>
    getResultPage(db(), user, params.executionId, params.nodeId, query),
  ),
);
