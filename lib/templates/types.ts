import { z } from "zod";
import { outputFieldSchema, valueTypeSchema } from "@/lib/value-types";

export const templateKinds = ["sql", "http", "transform", "delay", "echo", "results_sql"] as const;
export const templateKindSchema = z.enum(templateKinds);
export type TemplateKind = z.infer<typeof templateKindSchema>;

export const parameterSpecSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/),
  type: valueTypeSchema,
  required: z.boolean().default(false),
  default: z.unknown().optional(),
  description: z.string().default(""),
  enum: z.array(z.string()).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});
export type ParameterSpec = z.infer<typeof parameterSpecSchema>;

const templateSpecsSchema = z.object({
  parameterSchema: z.array(parameterSpecSchema),
  outputSchema: z.array(outputFieldSchema),
});

/** The one reader of a template row's parameters and outputs (JSON columns). */
export function templateSpecsOf(row: { parameterSchema: unknown; outputSchema: unknown }) {
  const { parameterSchema, outputSchema } = templateSpecsSchema.parse(row);
  return { parameters: parameterSchema, outputs: outputSchema };
}

export const chartConfigSchema = z.object({
  type: z.enum(["bar", "line", "area", "pie"]),
  x: z.string(),
  y: z.array(z.string()).min(1),
});
export type ChartConfig = z.infer<typeof chartConfigSchema>;

export const sqlDefinitionSchema = z.object({
  /** SQL over the warehouse schema with named parameters (`:campaign_ids`), bound, never interpolated. */
  sql: z.string().min(1),
});
export const httpDefinitionSchema = z.object({
  method: z.string(),
  /** `{{param}}` placeholders are filled from the node's parameters. */
  url: z.string(),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().optional(),
  /** A JSONata expression over the response (`status`, `headers`, `body`) that makes it rows. */
  rows: z.string().optional(),
});
export const transformDefinitionSchema = z.object({
  /** A JSONata expression evaluated over the node's resolved parameters. */
  expression: z.string().min(1),
});
export const emptyDefinitionSchema = z.object({});

const templateBase = {
  templateId: z.string().regex(/^[a-z][a-z0-9_]*$/),
  name: z.string().min(1),
  description: z.string(),
  category: z.string().min(1),
  parameters: z.array(parameterSpecSchema),
  outputs: z.array(outputFieldSchema),
  chartConfig: chartConfigSchema.nullable().default(null),
  tags: z.array(z.string()).default([]),
  version: z.number().int().min(1),
};

/** A template as defined in code under lib/templates/catalog. */
export const templateDefinitionSchema = z.discriminatedUnion("kind", [
  z.object({ ...templateBase, kind: z.literal("sql"), definition: sqlDefinitionSchema }),
  z.object({ ...templateBase, kind: z.literal("http"), definition: httpDefinitionSchema }),
  z.object({ ...templateBase, kind: z.literal("transform"), definition: transformDefinitionSchema }),
  z.object({ ...templateBase, kind: z.literal("delay"), definition: emptyDefinitionSchema }),
  z.object({ ...templateBase, kind: z.literal("echo"), definition: emptyDefinitionSchema }),
  // Its SQL is the node's `query` parameter: each node of it writes its own.
  z.object({ ...templateBase, kind: z.literal("results_sql"), definition: emptyDefinitionSchema }),
]);
export type TemplateDefinition = z.input<typeof templateDefinitionSchema>;
export type ParsedTemplateDefinition = z.output<typeof templateDefinitionSchema>;
