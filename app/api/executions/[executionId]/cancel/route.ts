import { handle, route } from "@/lib/auth/handle";
import { db } from "@/lib/db/client";
import { executionsApi as api } from "@/lib/engine/api";
import { cancelExecution } from "@/lib/engine/control";
import { getExecution } from "@/lib/engine/read";

// Answers the run as it is after the cancel, so a client sees its nodes cancelled.
export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.cancel, async ({ user, params }) => {
    await cancelExecution(db(), user, params.executionId);
    return getExecution(db(), user, params.executionId);
  }),
);
