import { describe, expect, it } from "vitest";
import { compositionConnectionSchema, compositionNodeSchema } from "@/lib/compositions/schema";
import {
  autoMap,
  copyWithFreshIds,
  freeSpotOffset,
  layoutLeftToRight,
  uniqueId,
  wouldCloseCycle,
} from "./graph";

const links = [
  { source: "a", target: "b" },
  { source: "b", target: "c" },
];

describe("wouldCloseCycle", () => {
  it("refuses an edge back up a chain, and a self-loop", () => {
    expect(wouldCloseCycle(links, "c", "a")).toBe(true);
    expect(wouldCloseCycle(links, "b", "a")).toBe(true);
    expect(wouldCloseCycle(links, "a", "a")).toBe(true);
  });
  it("allows edges down or across", () => {
    expect(wouldCloseCycle(links, "a", "c")).toBe(false);
    expect(wouldCloseCycle(links, "c", "d")).toBe(false);
  });
});

describe("uniqueId", () => {
  it("keeps a free id, numbers a taken one, and cleans characters ids may not have", () => {
    expect(uniqueId("echo", new Set())).toBe("echo");
    expect(uniqueId("echo", new Set(["echo", "echo_2"]))).toBe("echo_3");
    expect(uniqueId("my node!", new Set())).toBe("my_node_");
  });
});

describe("autoMap", () => {
  const outputs = [
    { name: "campaign_id", type: "integer" as const, description: "" },
    { name: "name", type: "string" as const, description: "" },
    { name: "spend", type: "number" as const, description: "" },
  ];
  it("maps same-named fields whose type fits, collecting into arrays when the parameter wants one", () => {
    const parameters = [
      { name: "campaign_id", type: "integer[]" as const, required: true, description: "" },
      { name: "name", type: "string" as const, required: false, description: "" },
      { name: "spend", type: "boolean" as const, required: false, description: "" },
      { name: "other", type: "string" as const, required: false, description: "" },
    ];
    expect(autoMap({ kind: "echo", outputs }, parameters, new Set())).toEqual({
      fieldMappings: { campaign_id: "campaign_id", name: "name" },
      transformationRules: { campaign_id: "collect", name: "first" },
    });
  });
  it("from a table's rows into one value, maps the field but leaves the rule to choose", () => {
    const parameters = [
      { name: "campaign_id", type: "integer[]" as const, required: true, description: "" },
      { name: "spend", type: "number" as const, required: false, description: "" },
    ];
    expect(autoMap({ kind: "sql", outputs }, parameters, new Set())).toEqual({
      fieldMappings: { campaign_id: "campaign_id", spend: "spend" },
      transformationRules: { campaign_id: "collect" },
    });
  });
  it("leaves parameters another connection already feeds", () => {
    const parameters = [{ name: "name", type: "string" as const, required: false, description: "" }];
    expect(autoMap({ kind: "echo", outputs }, parameters, new Set(["name"])).fieldMappings).toEqual({});
  });
});

describe("copyWithFreshIds", () => {
  const nodes = ["a", "b", "c"].map((nodeId, i) =>
    compositionNodeSchema.parse({ nodeId, templateId: "echo", position: { x: i * 100, y: 0 } }),
  );
  const connections = [
    compositionConnectionSchema.parse({ connectionId: "a_b", sourceNodeId: "a", targetNodeId: "b" }),
    compositionConnectionSchema.parse({ connectionId: "b_c", sourceNodeId: "b", targetNodeId: "c" }),
  ];
  it("gives fresh ids, keeps the connections among the copied nodes only, and offsets positions", () => {
    const copy = copyWithFreshIds(nodes.slice(0, 2), connections, {
      nodes: new Set(["a", "b", "c"]),
      connections: new Set(["a_b", "b_c"]),
    });
    expect(copy.nodes.map((node) => [node.nodeId, node.position])).toEqual([
      ["a_2", { x: 40, y: 40 }],
      ["b_2", { x: 140, y: 40 }],
    ]);
    expect(copy.connections).toHaveLength(1);
    expect(copy.connections[0]).toMatchObject({
      connectionId: "a_2_to_b_2",
      sourceNodeId: "a_2",
      targetNodeId: "b_2",
    });
  });
});

describe("layoutLeftToRight", () => {
  it("places each node right of what it depends on", () => {
    const at = layoutLeftToRight([{ id: "c" }, { id: "a" }, { id: "b" }], links);
    expect(at.get("a")!.x).toBeLessThan(at.get("b")!.x);
    expect(at.get("b")!.x).toBeLessThan(at.get("c")!.x);
  });
  it("spaces nodes by their measured size: a tall node's neighbours in its rank do not overlap it", () => {
    const at = layoutLeftToRight(
      [{ id: "a" }, { id: "tall", width: 256, height: 400 }, { id: "short", width: 256, height: 80 }],
      [
        { source: "a", target: "tall" },
        { source: "a", target: "short" },
      ],
    );
    const [tall, short] = [at.get("tall")!, at.get("short")!];
    const [upper, lower] = tall.y < short.y ? [{ ...tall, h: 400 }, short] : [{ ...short, h: 80 }, tall];
    expect(upper.y + upper.h).toBeLessThanOrEqual(lower.y);
  });
});

describe("freeSpotOffset", () => {
  const existing = [{ id: "a", x: 0, y: 0, width: 256, height: 96 }];
  it("leaves boxes where they are when they cover nothing", () => {
    expect(freeSpotOffset([{ id: "n", x: 400, y: 0 }], existing)).toEqual({ x: 0, y: 0 });
  });
  it("moves a box that would cover a node to the nearest free place below it", () => {
    expect(freeSpotOffset([{ id: "n", x: 20, y: 20, height: 96 }], existing)).toEqual({ x: 0, y: 120 });
  });
});
