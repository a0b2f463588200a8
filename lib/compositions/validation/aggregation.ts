import type { TemplateKind } from "@/lib/templates/types";
import type { ValueType } from "@/lib/value-types";
import type { TransformationRule } from "../schema";
import { mappingTypeError } from "./compatibility";

/**
 * Whether a template's output is a table: one value of each field per row. A mapping from such a
 * field into a parameter must say how the rows combine — taking the first row silently gave one
 * day's spend where the user meant the total. SQL templates, and HTTP templates with a rows
 * expression, make tables; other templates output one JSON value.
 */
export const yieldsRows = (template: { kind: TemplateKind; definition?: Record<string, unknown> }) =>
  template.kind === "sql" ||
  template.kind === "results_sql" ||
  (template.kind === "http" && typeof template.definition?.rows === "string");

/** What each rule does to the rows, as the mapping editor explains it. */
export const ruleEffects: Record<TransformationRule, string> = {
  first: "Takes the value of the first row only; the other rows are ignored.",
  collect: "Collects the values of all rows into a list.",
  distinct: "Collects the values of all rows into a list, each value once.",
  count: "Counts the rows that have a value.",
  sum: "Adds up the values of all rows.",
  min: "Takes the smallest value of all rows.",
  max: "Takes the largest value of all rows.",
  join: "Joins the values of all rows into one comma-separated text.",
};

/** The rule offered first for rows of a `source` field into a `parameter`; the user confirms it. */
export function suggestedRule(source: ValueType, parameter: ValueType): TransformationRule | null {
  const numeric = (type: ValueType) => type === "number" || type === "integer";
  const candidate: TransformationRule | null =
    parameter.endsWith("[]") || parameter === "json"
      ? "collect"
      : numeric(parameter) && numeric(source)
        ? "sum"
        : parameter === "string" && source === "string"
          ? "join"
          : null;
  return candidate && !mappingTypeError(source, candidate, parameter) ? candidate : null;
}
