import { describe, expect, it } from "vitest";
import { readableJson, tidyNumber } from "./numbers";

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
