import { z } from "zod";
import { operation } from "@/lib/api/contract";
import { nodeStatuses } from "@/lib/statuses";
import { createTriggerBodySchema, triggerResponseSchema, updateTriggerBodySchema } from "./schema";

// The webhook triggers API: a composition's or a workflow's webhooks, and calling one.

const triggerList = z.object({ triggers: z.array(triggerResponseSchema) });
const createdTrigger = z.object({
  // A signed webhook's secret: in this answer only.
  trigger: triggerResponseSchema.extend({ secret: z.string().optional() }),
});

export const triggersApi = {
  ofComposition: operation({
    method: "GET",
    path: "/api/compositions/{id}/triggers",
    summary: "A composition's webhook triggers (its owner and admins)",
    response: triggerList,
    status: 200,
    errors: [403, 404],
  }),
  createForComposition: operation({
    method: "POST",
    path: "/api/compositions/{id}/triggers",
    summary: "A new webhook trigger: its URL (and a signed one's secret, shown once)",
    body: createTriggerBodySchema,
    bodyOptional: true,
    response: createdTrigger,
    status: 201,
    errors: [400, 403, 404, 409],
  }),
  ofWorkflow: operation({
    method: "GET",
    path: "/api/workflows/{id}/triggers",
    summary: "A workflow's webhook triggers",
    response: triggerList,
    status: 200,
    errors: [404],
  }),
  createForWorkflow: operation({
    method: "POST",
    path: "/api/workflows/{id}/triggers",
    summary: "A new webhook trigger for a workflow",
    body: createTriggerBodySchema,
    bodyOptional: true,
    response: createdTrigger,
    status: 201,
    errors: [400, 404, 409],
  }),
  update: operation({
    method: "PATCH",
    path: "/api/triggers/{id}",
    summary: "Switch a webhook trigger on or off (off: its URL answers 404)",
    body: updateTriggerBodySchema,
    response: z.object({ trigger: triggerResponseSchema }),
    status: 200,
    errors: [400, 404],
  }),
  delete: operation({
    method: "DELETE",
    path: "/api/triggers/{id}",
    summary: "Delete a webhook trigger: its URL answers 404",
    response: null,
    status: 204,
    errors: [404],
  }),
  call: operation({
    method: "POST",
    path: "/api/hooks/{hookId}",
    summary:
      "Call a webhook: start a run with the body as its parameters (a JSON object; signed webhooks need X-QueryFlow-Signature: sha256=<hex HMAC-SHA256 of the raw body>)",
    body: z.record(z.string(), z.unknown()),
    bodyOptional: true,
    // A composition's run starts `pending`; a workflow's run is one node execution, `queued`.
    response: z.object({ execution: z.object({ id: z.uuid(), status: z.enum(nodeStatuses) }) }),
    status: 202,
    errors: [400, 401, 404, 413, 429],
    access: "public",
  }),
};
