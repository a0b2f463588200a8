import { z } from "zod";

/** Value types of template parameters and output fields (DESIGN §3). */
export const valueTypes = [
  "string",
  "number",
  "integer",
  "boolean",
  "date",
  "datetime",
  "json",
  "string[]",
  "number[]",
  "integer[]",
] as const;
export const valueTypeSchema = z.enum(valueTypes);
export type ValueType = z.infer<typeof valueTypeSchema>;

/** A column of a table result, or a field of a JSON output. */
export const outputFieldSchema = z.object({
  name: z.string().min(1),
  type: valueTypeSchema,
  description: z.string().default(""),
});
export type OutputField = z.infer<typeof outputFieldSchema>;
