import { csvResponse } from "@/lib/api/csv-response";
import { handle, route } from "@/lib/auth/handle";
import { db } from "@/lib/db/client";
import { workflowsApi as api } from "@/lib/workflows/api";
import { getWorkflowRunCsv } from "@/lib/workflows/service";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.resultCsv, async ({ user, params, query }) =>
    csvResponse(
      await getWorkflowRunCsv(db(), user, params.id, params.runId),
      `workflow-run-${params.runId}.csv`,
      query,
    ),
  ),
);
