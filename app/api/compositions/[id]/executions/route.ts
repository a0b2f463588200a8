import { handle, route } from "@/lib/auth/handle";
import { db } from "@/lib/db/client";
import { executionsApi as api } from "@/lib/engine/api";
import { listCompositionExecutions } from "@/lib/engine/read";
import { startedRun } from "@/lib/engine/responses";
import { requestTrigger, startRun } from "@/lib/engine/start-run";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.start, async ({ req, user, params, body }) =>
    startedRun(await startRun(db(), user, params.id, { ...body, trigger: requestTrigger(req) })),
  ),
  handle(api.listOfComposition, async ({ user, params, query }) =>
    listCompositionExecutions(db(), user, params.id, query),
  ),
);
