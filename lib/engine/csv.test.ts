import { describe, expect, it } from "vitest";
import { csvField, jsonAsTable } from "./csv";

describe("csvField", () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', '"\'=HYPERLINK(""http://evil.example"",""x"")"'],
    ["+1+1", "'+1+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", '"\'\rcmd"'],
    [-5, "-5"],
    [3.5, "3.5"],
    ["plain, text", '"plain, text"'],
    [null, ""],
    ["", '""'],
    [{ a: 1 }, '"{""a"":1}"'],
  ])("%j → %s", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe("jsonAsTable", () => {
  it.each([
    ["a bare string", "hello, world", ["value"], [["hello, world"]]],
    ["null", null, ["value"], [[null]]],
    ["an object", { a: 1, b: "x" }, ["a", "b"], [[1, "x"]]],
    [
      "objects with different keys",
      [{ a: 1 }, { b: 2 }],
      ["a", "b"],
      [
        [1, undefined],
        [undefined, 2],
      ],
    ],
    [
      "an array of arrays",
      [
        [1, 2],
        [3, 4],
      ],
      ["value"],
      [[[1, 2]], [[3, 4]]],
    ],
    ["an array of values", [1, "two", null], ["value"], [[1], ["two"], [null]]],
  ])("%s", (_name, value, columns, rows) => {
    expect(jsonAsTable(value)).toEqual({ columns, rows });
  });
});
