import { handle, route } from "@/lib/auth/handle";
import { db } from "@/lib/db/client";
import { workflowsApi as api } from "@/lib/workflows/api";
import { getWorkflowRunResult } from "@/lib/workflows/service";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.result, async ({ user, params, query }) =>
    getWorkflowRunResult(db(), user, params.id, params.runId, query),
  ),
);
