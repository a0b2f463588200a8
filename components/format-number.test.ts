import { describe, expect, it } from "vitest";
import { cellText, readableJson, tidyNumber } from "./format-number";

describe("tidyNumber", () => {
  it.each([
    [835236.4199999997, 835236.42],
    [0.1 + 0.2, 0.3],
    [1 / 3, 0.333333333333333],
    [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    [-2.5, -2.5],
  ])("%d → %d", (value, expected) => {
    expect(tidyNumber(value)).toBe(expected);
  });

  it("tidies every number inside JSON", () => {
    expect(readableJson({ total: 0.1 + 0.2, rows: [835236.4199999997] })).toBe(
      '{\n  "total": 0.3,\n  "rows": [\n    835236.42\n  ]\n}',
    );
  });
});

describe("cellText", () => {
  it("shows a tidied, grouped number, and years, ids and date parts as plain digits", () => {
    expect(cellText(92.99999999999999, "number", "rain_mm")).toBe(cellText(93, "number", "rain_mm"));
    expect(cellText(1234567, "integer", "clicks")).toMatch(/^1.234.567$/);
    expect(cellText(2015, "integer", "year")).toBe("2015");
    expect(cellText(10482, "integer", "customer_id")).toBe("10482");
    expect(cellText(12, "integer", "month")).toBe("12");
  });
});
