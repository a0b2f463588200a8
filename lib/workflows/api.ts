import { z } from "zod";
import { operation } from "@/lib/api/contract";
import { resultOperations } from "@/lib/engine/result-operations";
import {
  createWorkflowBodySchema,
  updateWorkflowBodySchema,
  workflowResponseSchema,
  workflowRunSchema,
} from "./schema";

// The workflows API (a template with saved parameters) and its runs.

export const workflowsApi = {
  list: operation({
    method: "GET",
    path: "/api/workflows",
    summary: "Your workflows (all of them for an admin)",
    response: z.object({ workflows: z.array(workflowResponseSchema) }),
    status: 200,
    errors: [],
  }),
  create: operation({
    method: "POST",
    path: "/api/workflows",
    summary: "Save a template with parameters as a workflow",
    body: createWorkflowBodySchema,
    response: workflowResponseSchema,
    status: 201,
    errors: [400, 404],
  }),
  get: operation({
    method: "GET",
    path: "/api/workflows/{id}",
    summary: "One workflow",
    response: workflowResponseSchema,
    status: 200,
    errors: [404],
  }),
  update: operation({
    method: "PATCH",
    path: "/api/workflows/{id}",
    summary: "Rename a workflow or change its saved parameters",
    body: updateWorkflowBodySchema,
    response: workflowResponseSchema,
    status: 200,
    errors: [400, 404],
  }),
  delete: operation({
    method: "DELETE",
    path: "/api/workflows/{id}",
    summary: "Delete a workflow with its runs and schedules (409 while a run is going)",
    response: null,
    status: 204,
    errors: [404, 409],
  }),
  run: operation({
    method: "POST",
    path: "/api/workflows/{id}/executions",
    summary: "Run it with its saved parameters",
    response: z.object({ execution: z.object({ id: z.uuid(), status: z.string() }) }),
    status: 202,
    errors: [400, 404, 429],
    scope: "run",
  }),
  runs: operation({
    method: "GET",
    path: "/api/workflows/{id}/executions",
    summary: "Its runs, newest first",
    response: z.object({ items: z.array(workflowRunSchema) }),
    status: 200,
    errors: [404],
  }),
  ...resultOperations("/api/workflows/{id}/executions/{runId}", "workflow run"),
};
