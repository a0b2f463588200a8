import { describe, expect, it } from "vitest";
import type { ValueType } from "@/lib/value-types";
import type { TransformationRule } from "../schema";
import { mappingTypeError } from "./compatibility";

describe("mapping type compatibility", () => {
  it.each<[ValueType, TransformationRule, ValueType]>([
    ["string", "first", "string"],
    ["integer", "first", "number"],
    ["date", "first", "date"],
    ["date", "first", "string"],
    ["date", "first", "datetime"],
    ["string", "collect", "string[]"],
    ["string", "distinct", "string[]"],
    ["integer", "collect", "number[]"],
    ["date", "collect", "string[]"],
    ["boolean", "collect", "json"],
    ["string", "count", "integer"],
    ["json", "count", "number"],
    ["number", "sum", "number"],
    ["integer", "sum", "integer"],
    ["date", "max", "date"],
    ["string", "min", "string"],
    ["integer", "join", "string"],
    ["string[]", "first", "string[]"],
    ["json", "first", "integer"],
    ["string", "first", "json"],
  ])("a %s field under %s feeds a %s parameter", (source, rule, parameter) => {
    expect(mappingTypeError(source, rule, parameter)).toBeNull();
  });

  it.each<[ValueType, TransformationRule, ValueType, RegExp]>([
    ["string", "first", "integer", /a string value does not fit an integer parameter/],
    ["number", "first", "integer", /number value does not fit an integer/],
    ["string", "collect", "string", /string\[\] value \(collect of a string field\) does not fit a string/],
    ["integer", "collect", "string[]", /integer\[\] value/],
    ["string", "sum", "number", /sum needs a number or integer field, not string/],
    ["boolean", "max", "boolean", /max needs a number, integer, string, date or datetime field/],
    ["string[]", "join", "string", /join needs a single-valued field/],
    ["string", "count", "string", /integer value \(count of a string field\) does not fit a string/],
    ["datetime", "first", "date", /datetime value does not fit a date/],
  ])("a %s field under %s does not feed a %s parameter", (source, rule, parameter, reason) => {
    expect(mappingTypeError(source, rule, parameter)).toMatch(reason);
  });
});
