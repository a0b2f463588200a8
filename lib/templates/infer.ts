import type { OutputField, ValueType } from "@/lib/value-types";

// Types of values a template produced (an HTTP response's rows, a transform's result) or was given
// (a transform's sample input): what the editor proposes as its outputs and parameters.

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function arrayType(values: unknown[]): ValueType {
  if (values.every((value) => typeof value === "string")) return "string[]";
  if (values.every((value) => Number.isInteger(value))) return "integer[]";
  if (values.every((value) => typeof value === "number")) return "number[]";
  return "json";
}

/** The value type of one value; null, undefined and an empty array tell nothing (`undefined`). */
export function valueTypeOf(value: unknown): ValueType | undefined {
  if (value === null || value === undefined || (Array.isArray(value) && !value.length)) return undefined;
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  if (typeof value === "string")
    return DATE.test(value) ? "date" : DATETIME.test(value) ? "datetime" : "string";
  if (Array.isArray(value)) return arrayType(value);
  return "json";
}

/** Two types seen for one field: integers and decimals are numbers, anything else mixed is JSON. */
function widen(a: ValueType, b: ValueType): ValueType {
  if (a === b) return a;
  const numeric = new Set<ValueType>(["integer", "number"]);
  if (numeric.has(a) && numeric.has(b)) return "number";
  if ((a === "date" && b === "datetime") || (a === "datetime" && b === "date")) return "datetime";
  return a.endsWith("[]") && b.endsWith("[]") ? "json" : a === "string" || b === "string" ? "string" : "json";
}

/** The fields of some rows, in the order they first appear, each with the type its values share. */
export function fieldsOf(rows: Record<string, unknown>[]): OutputField[] {
  const types = new Map<string, ValueType | undefined>();
  const lists = new Set<string>();
  for (const row of rows) {
    for (const [name, value] of Object.entries(row)) {
      const seen = types.get(name);
      const type = valueTypeOf(value);
      types.set(name, seen && type ? widen(seen, type) : (seen ?? type));
      if (Array.isArray(value)) lists.add(name);
    }
  }
  // A field never seen with a value: a list of unknown items is JSON, anything else text.
  const unknown = (name: string): ValueType => (lists.has(name) ? "json" : "string");
  return [...types].map(([name, type]) => ({ name, type: type ?? unknown(name), description: "" }));
}

/** Any JSON value as rows: an array of objects as is, an object as one row, anything else as `value`. */
export function toRows(value: unknown): Record<string, unknown>[] {
  const isRecord = (item: unknown): item is Record<string, unknown> =>
    typeof item === "object" && item !== null && !Array.isArray(item);
  if (Array.isArray(value)) return value.map((item) => (isRecord(item) ? item : { value: item }));
  if (value === undefined) return [];
  return [isRecord(value) ? value : { value }];
}
