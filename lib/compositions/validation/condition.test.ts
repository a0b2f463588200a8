import { describe, expect, it } from "vitest";
import { parseCondition } from "./condition";

describe("parseCondition", () => {
  it.each([
    ["$count(top_campaigns) > 0", ["top_campaigns"]],
    ["top_campaigns[revenue > 1000] and daily.clicks > 5", ["top_campaigns", "daily"]],
    ["$sum(asins.revenue) > $sum(daily.spend) * 2", ["asins", "daily"]],
    ["true", []],
    ["$exists(summary.roas)", ["summary"]],
  ])("reads the node ids of %s", (expression, names) => {
    const parsed = parseCondition(expression);
    expect(parsed).toEqual({ names: expect.arrayContaining(names) });
    expect("names" in parsed && parsed.names).toHaveLength(names.length);
  });

  it("reports a parse error", () => {
    expect(parseCondition("top_campaigns[")).toEqual({ error: expect.stringMatching(/.+/) });
  });

  it("reads a long flat expression without overflowing the stack", () => {
    const sum = Array.from({ length: 1_000 }, (_, i) => (i % 2 ? "a.x" : "1")).join("+");
    expect(parseCondition(sum)).toEqual({ names: ["a"] });
  });

  it("reports an expression too deeply nested for the parser as a parse error", () => {
    expect(parseCondition(`${"(".repeat(20_000)}1${")".repeat(20_000)}`)).toEqual({
      error: "it is nested too deeply",
    });
  });
});
