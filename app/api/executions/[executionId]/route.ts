import { handle, route } from "@/lib/auth/handle";
import { db } from "@/lib/db/client";
import { executionsApi as api } from "@/lib/engine/api";
import { getExecution } from "@/lib/engine/read";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.get, async ({ user, params }) => getExecution(db(), user, params.executionId)),
);
