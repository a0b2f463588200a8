import { describe, expect, it } from "vitest";
import { defaultChart } from "./default-chart";

describe("the default chart", () => {
  it("never plots the x column against itself", () => {
    const columns = [
      { name: "year", type: "integer" },
      { name: "rain_mm", type: "number" },
    ];
    expect(defaultChart(columns)).toEqual({ type: "bar", x: "year", y: ["rain_mm"] });
    expect(defaultChart(columns, "line", "rain_mm")).toEqual({ type: "line", x: "rain_mm", y: ["year"] });
  });

  it("plots the only numeric column when x is text, and nothing without one", () => {
    expect(
      defaultChart([
        { name: "day", type: "date" },
        { name: "n", type: "integer" },
      ])?.y,
    ).toEqual(["n"]);
    expect(defaultChart([{ name: "name", type: "string" }])).toBeNull();
  });
});
