import { describe, expect, it } from "vitest";
import { readSnapshot } from "./snapshot";

describe("reading a stored version snapshot", () => {
  const snapshot = {
    document: {
      compositionId: "demo",
      name: "Demo",
      globalParameters: { since: "2025-01-01" },
      nodes: [{ nodeId: "a", templateId: "echo", config: {} }],
      connections: [],
    },
    templateVersions: { echo: 1 },
    mappings: {},
  };

  it("reads a snapshot with its document, template versions and mappings", () => {
    expect(readSnapshot(snapshot, "v1").document.globalParameters).toEqual({ since: "2025-01-01" });
  });

  it("names the version and what is missing when a snapshot is damaged", () => {
    expect(() => readSnapshot({ ...snapshot, mappings: undefined }, "v1")).toThrow(
      /snapshot of version v1 is damaged[\s\S]*mappings/,
    );
  });
});
