import { z } from "zod";
import { outputFieldSchema } from "@/lib/value-types";
import { compositionDocumentSchema, exportFileSchema, transformationRuleSchema } from "./schema";
import { findingSeverity } from "./validation/findings";

// What the compositions API answers. Tests parse real responses with these, so the OpenAPI document
// generated from them (app/api/openapi.json/document.ts) stays true.

export const findingSchema = z.object({
  code: z.enum(Object.keys(findingSeverity) as [keyof typeof findingSeverity]),
  severity: z.enum(["structural", "semantic"]),
  message: z.string(),
  nodeId: z.string().optional(),
  connectionId: z.string().optional(),
  param: z.string().optional(),
  path: z.array(z.string()).optional(),
});

export const planSchema = z.object({ levels: z.array(z.array(z.string())) });

/** A "Query results" node's own columns, as its SQL over its input tables describes them. */
export const nodeOutputsSchema = z.record(z.string(), z.array(outputFieldSchema));

export const validationResponseSchema = z.object({
  issues: z.array(findingSchema),
  plan: planSchema,
  nodeOutputs: nodeOutputsSchema,
});

const person = z.object({ id: z.string(), name: z.string() });

export const compositionResponseSchema = compositionDocumentSchema.extend({
  id: z.uuid(),
  compositionId: z.string(),
  nodes: z.array(
    compositionDocumentSchema.shape.nodes.unwrap().element.extend({
      parameterMappings: z.record(
        z.string(),
        z.object({
          connectionId: z.string(),
          sourceNodeId: z.string(),
          sourceField: z.string(),
          rule: transformationRuleSchema,
          isRequired: z.boolean(),
        }),
      ),
      executionOrder: z.number().int(),
    }),
  ),
  version: z.number().int(),
  owner: person.nullable(),
  isMine: z.boolean(),
  canEdit: z.boolean(),
  isFavorite: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  issues: z.array(findingSchema),
  plan: planSchema,
  nodeOutputs: nodeOutputsSchema,
});

export const compositionSummarySchema = z.object({
  id: z.uuid(),
  compositionId: z.string(),
  name: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  isPublic: z.boolean(),
  isMine: z.boolean(),
  isFavorite: z.boolean(),
  owner: person.nullable(),
  nodeCount: z.number().int(),
  version: z.number().int(),
  updatedAt: z.iso.datetime(),
  lastRun: z.object({ id: z.uuid(), status: z.string(), createdAt: z.iso.datetime() }).nullable(),
  nextRunAt: z.iso.datetime().nullable(),
});

export const compositionPageSchema = z.object({
  items: z.array(compositionSummarySchema),
  nextCursor: z.string().nullable(),
});

export const importResponseSchema = z.object({
  composition: compositionResponseSchema,
  renamedFrom: z.string().nullable(),
});

export const favoriteResponseSchema = z.object({ compositionId: z.string(), isFavorite: z.boolean() });

export const versionSummarySchema = z.object({
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  createdBy: person.nullable(),
});
export const versionListSchema = z.object({ versions: z.array(versionSummarySchema) });
export const versionResponseSchema = versionSummarySchema.extend({ snapshot: z.unknown() });

export { exportFileSchema };
