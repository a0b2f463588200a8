import { handle, route } from "@/lib/auth/handle";
import { db } from "@/lib/db/client";
import { requestTrigger } from "@/lib/engine/start-run";
import { workflowsApi as api } from "@/lib/workflows/api";
import { listWorkflowRuns, runWorkflow } from "@/lib/workflows/service";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.run, async ({ req, user, params }) => ({
    execution: await runWorkflow(db(), user, params.id, requestTrigger(req)),
  })),
  handle(api.runs, async ({ user, params }) => ({ items: await listWorkflowRuns(db(), user, params.id) })),
);
