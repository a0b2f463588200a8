import { operation } from "@/lib/api/contract";
import {
  executionPageSchema,
  executionSchema,
  logsSchema,
  retriedRunSchema,
  startedRunSchema,
} from "./responses";
import { resultOperations } from "./result-operations";
import { listExecutionsQuerySchema, logsQuerySchema, startRunBodySchema } from "./schema";

// The runs API: starting a composition's run, reading runs, their logs and results, cancel and retry.

export const executionsApi = {
  start: operation({
    method: "POST",
    path: "/api/compositions/{id}/executions",
    summary: "Run it",
    body: startRunBodySchema,
    bodyOptional: true,
    response: startedRunSchema,
    status: 202,
    errors: [400, 404, 422, 429],
    scope: "run",
  }),
  listOfComposition: operation({
    method: "GET",
    path: "/api/compositions/{id}/executions",
    summary: "Its runs, newest first",
    query: listExecutionsQuerySchema,
    response: executionPageSchema,
    status: 200,
    errors: [400, 404],
  }),
  list: operation({
    method: "GET",
    path: "/api/executions",
    summary: "Runs you can read, newest first, with filters",
    query: listExecutionsQuerySchema,
    response: executionPageSchema,
    status: 200,
    errors: [400],
  }),
  get: operation({
    method: "GET",
    path: "/api/executions/{executionId}",
    summary: "A run and its nodes",
    response: executionSchema,
    status: 200,
    errors: [404],
  }),
  cancel: operation({
    method: "POST",
    path: "/api/executions/{executionId}/cancel",
    summary: "Cancel a live run",
    response: executionSchema,
    status: 200,
    errors: [403, 404, 409],
    scope: "run",
  }),
  retry: operation({
    method: "POST",
    path: "/api/executions/{executionId}/retry",
    summary: "Re-run what did not complete, reusing the rest",
    response: retriedRunSchema,
    status: 202,
    errors: [403, 404, 409],
    scope: "run",
  }),
  logs: operation({
    method: "GET",
    path: "/api/executions/{executionId}/logs",
    summary: "Log lines",
    query: logsQuerySchema,
    response: logsSchema,
    status: 200,
    errors: [404],
  }),
  ...resultOperations("/api/executions/{executionId}/nodes/{nodeId}", "node"),
};
