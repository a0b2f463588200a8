import { handle, route } from "@/lib/auth/handle";
import { db } from "@/lib/db/client";
import { executionsApi as api } from "@/lib/engine/api";
import { retryExecution } from "@/lib/engine/control";
import { runStatusSchema } from "@/lib/statuses";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.retry, async ({ user, params }) => {
    const { id, status, retryOfId } = await retryExecution(db(), user, params.executionId);
    return { execution: { id, status: runStatusSchema.parse(status), retryOfId } };
  }),
);
