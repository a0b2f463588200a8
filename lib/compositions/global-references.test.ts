import { describe, expect, it } from "vitest";
import { globalReferences, interpolateGlobals, wholeGlobalReference } from "./global-references";

describe("global references", () => {
  const globals = { start_date: "2025-01-01", limit: 10, ids: ["a", "b"] };

  it("finds the globals a text names, and whether it is exactly one", () => {
    expect(globalReferences("from {{global.start_date}} to {{ global.end_date }}")).toEqual([
      "start_date",
      "end_date",
    ]);
    expect(wholeGlobalReference(" {{global.limit}}")).toBeNull();
    expect(wholeGlobalReference("{{ global.limit }}")).toBe("limit");
  });

  it("gives a whole reference the global's own value, and inserts references inside text as text", () => {
    expect(interpolateGlobals("{{global.limit}}", globals)).toBe(10);
    expect(interpolateGlobals("{{global.ids}}", globals)).toEqual(["a", "b"]);
    expect(interpolateGlobals("since {{global.start_date}}, top {{global.limit}}", globals)).toBe(
      "since 2025-01-01, top 10",
    );
    expect(interpolateGlobals("{{global.missing}}!", globals)).toBe("!");
    expect(interpolateGlobals(42, globals)).toBe(42);
  });
});
