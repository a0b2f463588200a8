import { describe, expect, it } from "vitest";
import { fieldsOf, toRows, valueTypeOf } from "./infer";

describe("inferring types from values", () => {
  it("names the type of each kind of value", () => {
    expect(
      [1, 1.5, "x", "2025-01-31", "2025-01-31T10:00:00Z", true, ["a"], [1, 2], [1.5], [{}], {}, null, []].map(
        valueTypeOf,
      ),
    ).toEqual([
      "integer",
      "number",
      "string",
      "date",
      "datetime",
      "boolean",
      "string[]",
      "integer[]",
      "number[]",
      "json",
      "json",
      undefined,
      undefined,
    ]);
  });

  it("gives each field of some rows the type all its values share", () => {
    expect(
      fieldsOf([
        { id: 1, price: 2, name: "a", when: null },
        { id: 2, price: 2.5, name: 3, when: "2025-01-01", extra: true, list: [] },
      ]),
    ).toEqual([
      { name: "id", type: "integer", description: "" },
      { name: "price", type: "number", description: "" },
      { name: "name", type: "string", description: "" },
      { name: "when", type: "date", description: "" },
      { name: "extra", type: "boolean", description: "" },
      { name: "list", type: "json", description: "" },
    ]);
  });

  it("turns any JSON value into rows", () => {
    expect(toRows([{ a: 1 }, 2])).toEqual([{ a: 1 }, { value: 2 }]);
    expect(toRows({ a: 1 })).toEqual([{ a: 1 }]);
    expect(toRows("text")).toEqual([{ value: "text" }]);
    expect(toRows(undefined)).toEqual([]);
  });
});
