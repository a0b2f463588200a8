import { handle, route } from "@/lib/auth/handle";
import { db } from "@/lib/db/client";
import { workflowsApi as api } from "@/lib/workflows/api";
import { deleteWorkflow, getWorkflow, updateWorkflow } from "@/lib/workflows/service";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.get, async ({ user, params }) => getWorkflow(db(), user, params.id)),
  handle(api.update, async ({ user, params, body }) => updateWorkflow(db(), user, params.id, body)),
  handle(api.delete, async ({ user, params }) => deleteWorkflow(db(), user, params.id)),
);
