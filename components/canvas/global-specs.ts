import type { TemplateResponse } from "@/lib/templates/schema";
import type { ParameterSpec } from "@/lib/templates/types";
import type { ValueType } from "@/lib/value-types";

/**
 * For each global parameter, the schema of a template parameter of that name it feeds — in the order
 * the templates list their parameters (start_date before end_date), not the stored document's.
 */
export function globalSpecs(
  globals: Record<string, unknown>,
  templateIds: string[],
  templates: Iterable<TemplateResponse>,
): Record<string, ParameterSpec> {
  const used = [...templates].filter((template) => templateIds.includes(template.templateId));
  const specs: Record<string, ParameterSpec> = {};
  for (const parameter of used.flatMap((template) => template.parameters)) {
    if (parameter.name in globals && !(parameter.name in specs)) specs[parameter.name] = parameter;
  }
  return specs;
}

/** The type a value that no template parameter describes looks like it has. */
export function typeOfValue(value: unknown): ValueType {
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  if (typeof value === "string") {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return "date";
    if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return "datetime";
    return "string";
  }
  if (Array.isArray(value) && value.length) {
    if (value.every((item) => typeof item === "string")) return "string[]";
    if (value.every((item) => Number.isInteger(item))) return "integer[]";
    if (value.every((item) => typeof item === "number")) return "number[]";
  }
  return "json";
}

/**
 * The value a new global parameter starts with. One that feeds a template parameter of its name
 * starts from that parameter's default, else with none (null, which falls through to the templates'
 * defaults): adding a global never silently replaces a default with a type's zero. One that feeds
 * nothing yet starts empty of its type (the document keeps values, not types, so the value says it).
 */
export function startingValue(
  name: string,
  type: ValueType,
  templateIds: string[],
  templates: Iterable<TemplateResponse>,
): unknown {
  const fed = [...templates]
    .filter((template) => templateIds.includes(template.templateId))
    .flatMap((template) => template.parameters)
    .find((parameter) => parameter.name === name);
  if (fed) return fed.default ?? null;
  const now = new Date().toISOString();
  const empty: Record<ValueType, unknown> = {
    string: "",
    number: 0,
    integer: 0,
    boolean: false,
    date: now.slice(0, 10),
    datetime: now.slice(0, 16),
    json: {},
    "string[]": [],
    "number[]": [],
    "integer[]": [],
  };
  return empty[type];
}
