import { csvResponse } from "@/lib/api/csv-response";
import { otherMethods } from "@/lib/api/methods";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import { getWorkflowRunCsv } from "@/lib/workflows/service";

// GET /api/workflows/:id/executions/:runId/result.csv — the run's whole result, streamed
export const GET = withUser<{ id: string; runId: string }>(async ({ req, user, params }) =>
  csvResponse(
    await getWorkflowRunCsv(db(), user, params.id, params.runId),
    `workflow-run-${params.runId}.csv`,
    req,
  ),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
