import { csvResponse } from "@/lib/api/csv-response";
import { otherMethods } from "@/lib/api/methods";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import { resultCsv } from "@/lib/engine/read";

// GET /api/executions/:executionId/nodes/:nodeId/result.csv — the whole result, streamed
export const GET = withUser<{ executionId: string; nodeId: string }>(async ({ req, user, params }) =>
  csvResponse(await resultCsv(db(), user, params.executionId, params.nodeId), `${params.nodeId}.csv`, req),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
