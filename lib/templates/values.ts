import type { ValueType } from "@/lib/value-types";
import type { ParameterSpec } from "./types";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isValidDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function matchesType(value: unknown, type: ValueType): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return Number.isSafeInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "date":
      return typeof value === "string" && isValidDate(value);
    case "datetime":
      return (
        typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))
      );
    case "json":
      return value !== undefined;
    case "string[]":
    case "number[]":
    case "integer[]":
      return Array.isArray(value) && value.every((item) => matchesType(item, type.slice(0, -2) as ValueType));
  }
}

const typeNames: Record<ValueType, string> = {
  string: "a string",
  number: "a number",
  integer: "an integer",
  boolean: "true or false",
  date: "a date (YYYY-MM-DD)",
  datetime: "a date and time (ISO 8601)",
  json: "any JSON value",
  "string[]": "a list of strings",
  "number[]": "a list of numbers",
  "integer[]": "a list of integers",
};

/** Null when `value` is acceptable for the parameter, otherwise why not, in words for people. */
export function parameterValueError(value: unknown, spec: ParameterSpec): string | null {
  if (!matchesType(value, spec.type)) return `must be ${typeNames[spec.type]}`;
  if (spec.enum && !spec.enum.includes(value as string)) return `must be one of ${spec.enum.join(", ")}`;
  if (typeof value === "number") {
    if (spec.min !== undefined && value < spec.min) return `must be at least ${spec.min}`;
    if (spec.max !== undefined && value > spec.max) return `must be at most ${spec.max}`;
  }
  return null;
}
