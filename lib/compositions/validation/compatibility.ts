import type { ValueType } from "@/lib/value-types";
import type { TransformationRule } from "../schema";

/**
 * Which source field types feed which parameter types, under which transformation rule.
 *
 * A rule turns the source field's values (one per row of a tabular output, or one value of a JSON
 * output) into one value:
 *
 * | rule | accepts a source field of type | gives |
 * |---|---|---|
 * | first | any | the field's type |
 * | collect, distinct | string, number, integer, date, datetime | the array type (`date`s collect to `string[]`) |
 * | collect, distinct | boolean, json, arrays | json |
 * | count | any | integer |
 * | sum | number, integer | the field's type |
 * | min, max | number, integer, string, date, datetime | the field's type |
 * | join | string, number, integer, boolean, date, datetime | string (comma-separated) |
 *
 * The value then fits a parameter of the same type, and also: integer → number, integer[] →
 * number[], date → datetime, date or datetime → string, anything → json. A `json` source (a path
 * into a JSON output) has no declared type, so it is accepted here and checked when the node runs.
 */
export function mappedType(source: ValueType, rule: TransformationRule): ValueType | { error: string } {
  switch (rule) {
    case "first":
      return source;
    case "collect":
    case "distinct":
      return collected[source] ?? "json";
    case "count":
      return "integer";
    case "sum":
      return source === "number" || source === "integer" || source === "json"
        ? source
        : { error: `sum needs a number or integer field, not ${source}` };
    case "min":
    case "max":
      return ["number", "integer", "string", "date", "datetime", "json"].includes(source)
        ? source
        : { error: `${rule} needs a number, integer, string, date or datetime field, not ${source}` };
    case "join":
      return ["string", "number", "integer", "boolean", "date", "datetime", "json"].includes(source)
        ? "string"
        : { error: `join needs a single-valued field, not ${source}` };
  }
}

const collected: Partial<Record<ValueType, ValueType>> = {
  string: "string[]",
  number: "number[]",
  integer: "integer[]",
  date: "string[]",
  datetime: "string[]",
};

const widenings: Partial<Record<ValueType, ValueType[]>> = {
  integer: ["number"],
  "integer[]": ["number[]"],
  date: ["datetime", "string"],
  datetime: ["string"],
};

/** Whether a value of type `value` fits a parameter of type `parameter`. */
export function isAssignable(value: ValueType, parameter: ValueType): boolean {
  return (
    value === parameter ||
    parameter === "json" ||
    value === "json" ||
    Boolean(widenings[value]?.includes(parameter))
  );
}

/** Null when the mapping is type-correct, otherwise the reason it is not. */
/** "an integer", "a string". */
const article = (word: string) => (/^[aeiou]/i.test(word) ? "an" : "a");

export function mappingTypeError(
  source: ValueType,
  rule: TransformationRule,
  parameter: ValueType,
): string | null {
  const value = mappedType(source, rule);
  if (typeof value === "object") return value.error;
  if (isAssignable(value, parameter)) return null;
  const via = rule === "first" ? "" : ` (${rule} of ${article(source)} ${source} field)`;
  return `${article(value)} ${value} value${via} does not fit ${article(parameter)} ${parameter} parameter`;
}
