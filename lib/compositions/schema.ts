import { z } from "zod";

/** Caps that keep one composition within what the editor and the engine handle well. */
export const compositionLimits = {
  nodes: 5_000,
  connections: 20_000,
  nameLength: 200,
  descriptionLength: 10_000,
  tags: 50,
  tagLength: 50,
  idLength: 100,
  /** A condition is a short predicate; parsing one costs ~0.7 µs a character on the event loop. */
  expressionLength: 2_000,
  /** All conditions of a document together: bounds the parsing work one request can cause (~15 ms). */
  expressionsTotalLength: 20_000,
  // Request bodies (16 MiB) and JSON depth (64) are bounded for every route by lib/api/read-json.ts.
} as const;

export const transformationRules = [
  "first",
  "collect",
  "distinct",
  "count",
  "sum",
  "min",
  "max",
  "join",
] as const;
export const transformationRuleSchema = z.enum(transformationRules);
export type TransformationRule = z.infer<typeof transformationRuleSchema>;

export const COMPOSITION_ID_PATTERN = /^comp_[a-z0-9_]+$/;

const elementId = z
  .string()
  .min(1)
  .max(compositionLimits.idLength)
  .regex(/^[A-Za-z0-9_-]+$/, "may contain only letters, digits, _ and -");

const jsonObject = z.record(z.string(), z.unknown());

export const compositionNodeSchema = z.object({
  nodeId: elementId,
  templateId: z.string().min(1).max(compositionLimits.idLength),
  /**
   * The version of the template the node runs. A newer version is offered in the editor, never
   * forced; left out, the node takes the template's current version when saved.
   */
  templateVersion: z.number().int().min(1).optional(),
  /** What the user calls the node (findings, panels and runs say it); empty: its template's name. */
  label: z.string().trim().max(compositionLimits.nameLength).default(""),
  position: z.object({ x: z.number().finite(), y: z.number().finite() }).default({ x: 0, y: 0 }),
  config: jsonObject.default({}),
  parameterOverrides: jsonObject.default({}),
  isConditional: z.boolean().default(false),
  conditionExpression: z.string().max(compositionLimits.expressionLength).nullable().default(null),
});
export type CompositionNode = z.infer<typeof compositionNodeSchema>;

/** How messages name a node: its label, else its id (the template's name is not known here). */
export const nodeName = (node: { nodeId: string; label?: string }) => node.label || node.nodeId;

export const connectionKinds = ["mapping", "table"] as const;
export type ConnectionKind = (typeof connectionKinds)[number];

/** How a table connection's SQL names the source's rows: an identifier DuckDB needs no quotes for. */
export const TABLE_ALIAS_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

export const compositionConnectionSchema = z
  .object({
    connectionId: elementId,
    sourceNodeId: elementId,
    targetNodeId: elementId,
    /**
     * `mapping`: fields of the source go into parameters of the target (fieldMappings). `table`: the
     * source's whole result is a table the target (a "Query results" node) reads in SQL as `alias`.
     */
    kind: z.enum(connectionKinds).default("mapping"),
    alias: z
      .string()
      .regex(
        TABLE_ALIAS_PATTERN,
        "must be lowercase letters, digits and _, not starting with a digit (at most 63)",
      )
      .optional(),
    /** Target parameter → source output field (a column, or a path into a JSON output). */
    fieldMappings: z
      .record(z.string().max(compositionLimits.idLength), z.string().min(1).max(500))
      .default({}),
    /** Target parameter → how the source field's values become the parameter's value. */
    transformationRules: z
      .record(z.string().max(compositionLimits.idLength), transformationRuleSchema)
      .default({}),
    isRequired: z.boolean().default(true),
  })
  .superRefine((connection, context) => {
    // A table connection hands over whole rows under its alias; a mapping has fields and no alias.
    if (connection.kind === "table" && !connection.alias)
      context.addIssue({ code: "custom", path: ["alias"], message: "a table connection needs an alias" });
    if (connection.kind === "table" && Object.keys(connection.fieldMappings).length)
      context.addIssue({
        code: "custom",
        path: ["fieldMappings"],
        message: "a table connection hands over whole rows: it maps no fields",
      });
    if (connection.kind === "mapping" && connection.alias !== undefined)
      context.addIssue({ code: "custom", path: ["alias"], message: "only a table connection has an alias" });
  });
export type CompositionConnection = z.infer<typeof compositionConnectionSchema>;

/**
 * The rule a mapping runs with: the chosen one, else `first` (a source with one row, such as an HTTP
 * or transform node, needs none; validation asks for one when the source yields rows).
 */
export function ruleFor(connection: Pick<CompositionConnection, "transformationRules">, parameter: string) {
  return connection.transformationRules[parameter] ?? "first";
}

export const viewportSchema = z.object({
  x: z.number().finite(),
  y: z.number().finite(),
  zoom: z.number().positive(),
});

export const concurrencyPolicies = ["queue", "refuse"] as const;

/** How a composition runs: at most `concurrencyLimit` runs at a time, and what a run past it does. */
export const compositionSettingsSchema = z
  .object({
    /** Runs in progress at once; null: no limit (beyond the per-user and per-composition quotas). */
    concurrencyLimit: z.number().int().min(1).max(1000).nullable().default(null),
    /** Past the limit: `queue` — the run waits for a slot, first come first served; `refuse` — 409. */
    concurrencyPolicy: z.enum(concurrencyPolicies).default("queue"),
  })
  .default({ concurrencyLimit: null, concurrencyPolicy: "queue" });
export type CompositionSettings = z.output<typeof compositionSettingsSchema>;

/** A composition as the API takes it and the editor edits it (DESIGN §7). */
export const compositionDocumentSchema = z.object({
  /** Checked by validation (finding `invalid_composition_id`); generated from the name when absent. */
  compositionId: z
    .string()
    .max(compositionLimits.idLength)
    .optional()
    // Described in the API document; enforced by validation, so a bad id is a finding (400) like the rest.
    .meta({ pattern: COMPOSITION_ID_PATTERN.source }),
  name: z.string().trim().min(1, "is required").max(compositionLimits.nameLength),
  description: z.string().max(compositionLimits.descriptionLength).default(""),
  tags: z
    .array(z.string().trim().toLowerCase().min(1).max(compositionLimits.tagLength))
    .max(compositionLimits.tags)
    // overwrite, not transform: the type stays an array of strings, which the API document can say.
    .overwrite((tags) => [...new Set(tags)])
    .default([]),
  isPublic: z.boolean().default(false),
  globalParameters: jsonObject.default({}),
  settings: compositionSettingsSchema,
  nodes: z
    .array(compositionNodeSchema)
    .max(compositionLimits.nodes, `at most ${compositionLimits.nodes} nodes`)
    .refine(
      (nodes) =>
        nodes.reduce((total, node) => total + (node.conditionExpression?.length ?? 0), 0) <=
        compositionLimits.expressionsTotalLength,
      `the conditions of all nodes together may have at most ${compositionLimits.expressionsTotalLength} characters`,
    )
    .default([]),
  connections: z
    .array(compositionConnectionSchema)
    .max(compositionLimits.connections, `at most ${compositionLimits.connections} connections`)
    .default([]),
  viewport: viewportSchema.default({ x: 0, y: 0, zoom: 1 }),
});
export type CompositionDocument = z.infer<typeof compositionDocumentSchema>;
export type CompositionDocumentInput = z.input<typeof compositionDocumentSchema>;

export const createCompositionBodySchema = compositionDocumentSchema;
export const updateCompositionBodySchema = compositionDocumentSchema.extend({
  /** The version this edit was based on; a stale one is refused with 409. */
  version: z.number().int().min(1),
});
export const validateCompositionBodySchema = compositionDocumentSchema;

export const duplicateCompositionBodySchema = z
  .object({ name: z.string().trim().min(1).max(compositionLimits.nameLength).optional() })
  .default({});

export const EXPORT_FORMAT = "queryflow.composition";
export const exportFileSchema = z.object({
  format: z.literal(EXPORT_FORMAT, { error: `must be "${EXPORT_FORMAT}"` }),
  formatVersion: z.literal(1, { error: "must be 1 (the only version this QueryFlow reads)" }),
  exportedAt: z.string().optional(),
  composition: compositionDocumentSchema,
});
export type ExportFile = z.infer<typeof exportFileSchema>;

export const listCompositionsQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  tag: z.string().trim().toLowerCase().max(compositionLimits.tagLength).optional(),
  favorite: z.enum(["true", "false"]).optional(),
  visibility: z.enum(["mine", "public", "all"]).default("all"),
  sort: z.enum(["updated", "name"]).default("updated"),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListCompositionsQuery = z.infer<typeof listCompositionsQuerySchema>;
