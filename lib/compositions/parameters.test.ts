import { describe, expect, it } from "vitest";
import { globalReferences, interpolateGlobals, parameterSource, wholeGlobalReference } from "./parameters";

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

describe("where a parameter's value comes from", () => {
  const spec = { name: "limit", default: 5 };
  const none = { mapped: new Set<string>(), overrides: {}, runParameters: {}, globals: {} };

  it("takes a mapping over an override over the run over a global over the default", () => {
    const all = {
      mapped: new Set(["limit"]),
      overrides: { limit: 1 },
      runParameters: { limit: 2 },
      globals: { limit: 3 },
    };
    expect(parameterSource(spec, all)).toBe("mapping");
    expect(parameterSource(spec, { ...all, mapped: new Set() })).toBe("override");
    expect(parameterSource(spec, { ...all, mapped: new Set(), overrides: {} })).toBe("run");
    expect(parameterSource(spec, { ...none, globals: { limit: 3 } })).toBe("global");
    expect(parameterSource(spec, none)).toBe("default");
  });

  it("has none when nothing gives a value and the template has no default", () => {
    expect(parameterSource({ name: "limit" }, none)).toBeNull();
  });
});
