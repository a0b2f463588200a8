import { handle, route } from "@/lib/auth/handle";
import { db } from "@/lib/db/client";
import { workflowsApi as api } from "@/lib/workflows/api";
import { createWorkflow, listWorkflows } from "@/lib/workflows/service";

export const { GET, POST, PUT, PATCH, DELETE } = route(
  handle(api.list, async ({ user }) => ({ workflows: await listWorkflows(db(), user) })),
  handle(api.create, async ({ user, body }) => createWorkflow(db(), user, body)),
);
