import { describe, expect, it } from "vitest";
import type { ParameterSpec } from "./types";
import { parameterValueError } from "./values";

const spec = (type: ParameterSpec["type"], extra: Partial<ParameterSpec> = {}): ParameterSpec => ({
  name: "p",
  type,
  required: false,
  description: "",
  ...extra,
});

describe("parameterValueError", () => {
  it.each<[ParameterSpec, unknown]>([
    [spec("string"), "x"],
    [spec("number"), 1.5],
    [spec("integer"), 3],
    [spec("boolean"), false],
    [spec("date"), "2024-02-29"],
    [spec("datetime"), "2025-01-01T10:00:00Z"],
    [spec("json"), { any: ["thing"] }],
    [spec("string[]"), ["a", "b"]],
    [spec("integer[]"), []],
    [spec("string", { enum: ["a", "b"] }), "b"],
    [spec("integer", { min: 1, max: 10 }), 10],
  ])("accepts %o = %j", (parameter, value) => {
    expect(parameterValueError(value, parameter)).toBeNull();
  });

  it.each<[ParameterSpec, unknown, string]>([
    [spec("string"), 1, "must be a string"],
    [spec("number"), "1", "must be a number"],
    [spec("number"), Number.NaN, "must be a number"],
    [spec("integer"), 1.5, "must be an integer"],
    [spec("boolean"), "true", "must be true or false"],
    [spec("date"), "2025-02-30", "must be a date (YYYY-MM-DD)"],
    [spec("date"), "01/02/2025", "must be a date (YYYY-MM-DD)"],
    [spec("datetime"), "2025-01-01", "must be a date and time (ISO 8601)"],
    [spec("string[]"), ["a", 2], "must be a list of strings"],
    [spec("integer[]"), "1,2", "must be a list of integers"],
    [spec("string", { enum: ["a", "b"] }), "c", "must be one of a, b"],
    [spec("integer", { min: 1 }), 0, "must be at least 1"],
    [spec("integer", { max: 10 }), 11, "must be at most 10"],
  ])("refuses %o = %j: %s", (parameter, value, message) => {
    expect(parameterValueError(value, parameter)).toBe(message);
  });
});
