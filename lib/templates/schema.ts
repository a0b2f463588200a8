import { z } from "zod";
import { outputFieldSchema } from "@/lib/value-types";
import { chartConfigSchema, parameterSpecSchema, templateKindSchema } from "./types";

// What the templates API takes and answers: safe in the browser (the contracts and their clients read it).

/** A template as the API returns it. */
export const templateResponseSchema = z.object({
  templateId: z.string(),
  name: z.string(),
  description: z.string(),
  category: z.string(),
  kind: templateKindSchema,
  parameters: z.array(parameterSpecSchema),
  outputs: z.array(outputFieldSchema),
  definition: z.record(z.string(), z.unknown()),
  chartConfig: chartConfigSchema.nullable(),
  tags: z.array(z.string()),
  version: z.number().int(),
  isActive: z.boolean(),
  usageCount: z.number().int(),
  successCount: z.number().int(),
  failureCount: z.number().int(),
  /** In the catalog QueryFlow ships (read-only: duplicate to edit). */
  builtIn: z.boolean(),
  isPublic: z.boolean(),
  owner: z.object({ id: z.string(), name: z.string() }).nullable(),
  canEdit: z.boolean(),
  /** The data source a SQL template queries. */
  dataSourceId: z.uuid().nullable(),
});
export type TemplateResponse = z.infer<typeof templateResponseSchema>;

export const listTemplatesQuerySchema = z.object({
  kind: templateKindSchema.optional(),
  includeInactive: z.enum(["true", "false"]).optional(),
});

const expression = z.string().trim().min(1).max(10_000);
const sampleSchema = z
  .record(z.string().regex(/^[a-z][a-z0-9_]*$/, "must be a parameter name (a-z, 0-9, _)"), z.unknown())
  .refine((value) => JSON.stringify(value).length <= 100_000, "must be at most 100,000 characters as JSON");

export const httpAuthoredDefinitionSchema = z.strictObject({
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).default("GET"),
  /** `{{name}}` placeholders are parameters (URL-encoded where they are inserted). */
  url: z.string().trim().min(1).max(4_000),
  headers: z
    .record(z.string().regex(/^[A-Za-z0-9-]{1,100}$/, "must be a header name"), z.string().max(4_000))
    .refine((headers) => Object.keys(headers).length <= 50, "at most 50 headers")
    .default({}),
  body: z.string().max(100_000).optional(),
  /** JSONata over the response (`status`, `headers`, `body`) that makes it rows; absent, one row. */
  rows: expression.optional(),
});
export type HttpAuthoredDefinition = z.output<typeof httpAuthoredDefinitionSchema>;

export const transformAuthoredDefinitionSchema = z.strictObject({
  /** JSONata evaluated over the node's parameters. */
  expression,
  /** Parameter values to try the expression on: what its parameters and outputs are inferred from. */
  sample: sampleSchema.default({}),
});
export type TransformAuthoredDefinition = z.output<typeof transformAuthoredDefinitionSchema>;

export const sqlDraftSchema = z.strictObject({
  kind: z.literal("sql"),
  dataSourceId: z.uuid(),
  definition: z.strictObject({ sql: z.string().trim().min(1).max(100_000) }),
});
export const httpDraftSchema = z.strictObject({
  kind: z.literal("http"),
  definition: httpAuthoredDefinitionSchema,
  /** The template being edited: a header value sent as hidden keeps its stored value. */
  templateId: z.string().max(200).optional(),
});
export const transformDraftSchema = z.strictObject({
  kind: z.literal("transform"),
  definition: transformAuthoredDefinitionSchema,
});

const kindError = { error: 'must be "sql", "http" or "transform"' };

export const describeTemplateBodySchema = z.discriminatedUnion(
  "kind",
  [sqlDraftSchema, httpDraftSchema, transformDraftSchema],
  kindError,
);
/** A value per parameter; a missing one is NULL (SQL), empty (HTTP) or the sample's (transform). */
const values = { values: z.record(z.string(), z.unknown()).default({}) };
export const previewTemplateBodySchema = z.discriminatedUnion(
  "kind",
  [sqlDraftSchema.extend(values), httpDraftSchema.extend(values), transformDraftSchema.extend(values)],
  kindError,
);

export const templateDescriptionSchema = z.object({
  parameters: z.array(
    z.object({ name: z.string(), type: z.string(), required: z.boolean(), description: z.string() }),
  ),
  outputs: z.array(z.object({ name: z.string(), type: z.string(), description: z.string() })),
});

export const templatePreviewSchema = z.object({
  columns: z.array(z.object({ name: z.string(), type: z.string(), description: z.string() })),
  rows: z.array(z.record(z.string(), z.unknown())),
  rowCount: z.number().int(),
  truncated: z.boolean(),
  durationMs: z.number().int(),
});
const saveFields = {
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5_000).default(""),
  category: z.string().trim().min(1).max(100).default("My templates"),
  /** Inferred when left out: from the SQL and its source, the HTTP placeholders, the transform's sample. */
  parameters: z.array(parameterSpecSchema).max(100).optional(),
  /** Inferred when left out: by describing the SQL, a test call, or the expression on the sample. */
  outputs: z.array(outputFieldSchema).max(500).optional(),
  chartConfig: chartConfigSchema.nullable().default(null),
  isPublic: z.boolean().default(false),
};
export const saveTemplateBodySchema = z.discriminatedUnion(
  "kind",
  [
    sqlDraftSchema.extend(saveFields),
    httpDraftSchema.extend(saveFields),
    transformDraftSchema.extend(saveFields),
  ],
  { error: 'must be "sql", "http" or "transform"' },
);
export const templateVersionSummarySchema = z.object({
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  author: z.object({ id: z.string(), name: z.string() }).nullable(),
});

export const templateVersionSchema = z.object({
  templateId: z.string(),
  version: z.number().int(),
  kind: z.string(),
  definition: z.record(z.string(), z.unknown()),
  parameters: z.array(parameterSpecSchema),
  outputs: z.array(outputFieldSchema),
  dataSourceId: z.uuid().nullable(),
  author: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.iso.datetime(),
});
