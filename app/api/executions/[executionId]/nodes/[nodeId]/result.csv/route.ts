import { otherMethods } from "@/lib/api/methods";
import { withUser } from "@/lib/auth/with-user";
import { db } from "@/lib/db/client";
import { resultCsv } from "@/lib/engine/read";

// GET /api/executions/:executionId/nodes/:nodeId/result.csv — the whole result, streamed
export const GET = withUser<{ executionId: string; nodeId: string }>(async ({ user, params }) => {
  const stream = await resultCsv(db(), user, params.executionId, params.nodeId);
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${params.nodeId}.csv"`,
    },
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
