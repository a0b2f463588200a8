import { describe, expect, it } from "vitest";
import { csvField } from "./csv";

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
    [{ a: 1 }, '"{""a"":1}"'],
  ])("%j → %s", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});
