import { z } from "zod";
import { runTimingFields } from "@/lib/engine/responses";

// What the workflows API takes and answers: safe in the browser (the contracts and their clients read it).

const workflowFields = {
  name: z.string().trim().min(1, "is required").max(200),
  description: z.string().max(10_000),
  parameters: z.record(z.string(), z.unknown()),
};

export const createWorkflowBodySchema = z.object({
  name: workflowFields.name,
  description: workflowFields.description.default(""),
  templateId: z.string().min(1).max(100),
  parameters: workflowFields.parameters.default({}),
});
export type CreateWorkflowBody = z.infer<typeof createWorkflowBodySchema>;

/** PATCH: rename, describe, or change the saved parameters (checked like a new workflow's). */
export const updateWorkflowBodySchema = z.object(workflowFields).partial();
export type UpdateWorkflowBody = z.infer<typeof updateWorkflowBodySchema>;

/** A workflow and a workflow run as the API returns them. */
export const workflowResponseSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  templateId: z.string(),
  template: z.object({ name: z.string(), kind: z.string() }),
  parameters: z.record(z.string(), z.unknown()),
  ownerId: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export const workflowRunSchema = z.object({
  id: z.uuid(),
  startedBy: z.string().nullable(),
  status: z.string(),
  trigger: z.string(),
  attempt: z.number().int(),
  ...runTimingFields,
});
