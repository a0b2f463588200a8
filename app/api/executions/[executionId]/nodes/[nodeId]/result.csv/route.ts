import { csvResponse } from "@/lib/api/csv-response";
import { handle, route } from "@/lib/auth/handle";
import { db } from "@/lib/db/client";
import { executionsApi as api } from "@/lib/engine/api";
import { resultCsv } from "@/lib/engine/read";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.resultCsv, async ({ user, params, query }) =>
    csvResponse(
      await resultCsv(db(), user, params.executionId, params.nodeId),
      `${params.nodeId}.csv`,
      query,
    ),
  ),
);
