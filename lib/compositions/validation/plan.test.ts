import { alg, Graph } from "@dagrejs/graphlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planExecution } from "./plan";

type Edge = [string, string];

/** Any directed graph: self-loops, duplicate edges and cycles included. */
const anyGraph = fc.integer({ min: 1, max: 25 }).chain((size) =>
  fc.record({
    nodes: fc.constant(Array.from({ length: size }, (_, i) => `n${i}`)),
    edges: fc.array(
      fc.tuple(fc.nat(size - 1), fc.nat(size - 1)).map(([a, b]): Edge => [`n${a}`, `n${b}`]),
      { maxLength: 60 },
    ),
  }),
);

/** Acyclic graphs (edges only go to a later index), with node names shuffled so order says nothing. */
const acyclicGraph = fc.integer({ min: 1, max: 40 }).chain((size) =>
  fc.record({
    nodes: fc.shuffledSubarray(
      Array.from({ length: size }, (_, i) => `n${i}`),
      { minLength: size, maxLength: size },
    ),
    edges: fc
      .array(fc.tuple(fc.nat(size - 1), fc.nat(size - 1)), { maxLength: 120 })
      .map((pairs) =>
        pairs.filter(([a, b]) => a !== b).map(([a, b]): Edge => [`n${Math.min(a, b)}`, `n${Math.max(a, b)}`]),
      ),
  }),
);

function reference(nodes: string[], edges: Edge[]) {
  const graph = new Graph();
  for (const node of nodes) graph.setNode(node);
  for (const [source, target] of edges) graph.setEdge(source, target);
  return graph;
}

/** Longest-path depth from graphlib's topological order: the level every node must get. */
function referenceLevels(graph: Graph): Map<string, number> {
  const level = new Map<string, number>();
  for (const node of alg.topsort(graph)) {
    const depths = (graph.predecessors(node) ?? []).map((p) => level.get(p)! + 1);
    level.set(node, Math.max(0, ...depths));
  }
  return level;
}

describe("planExecution", () => {
  it("finds a cycle exactly when graphlib says the graph is not acyclic", () => {
    fc.assert(
      fc.property(anyGraph, ({ nodes, edges }) => {
        const { cycle } = planExecution(nodes, edges);
        expect(cycle !== null).toBe(!alg.isAcyclic(reference(nodes, edges)));
      }),
      { numRuns: 500 },
    );
  });

  it("reports a cycle as a real path: consecutive nodes joined by edges, back to the start", () => {
    fc.assert(
      fc.property(anyGraph, ({ nodes, edges }) => {
        const { cycle, levels } = planExecution(nodes, edges);
        if (!cycle) return;
        expect(levels).toEqual([]);
        expect(cycle.length).toBeGreaterThanOrEqual(2);
        expect(cycle.at(-1)).toBe(cycle[0]);
        const edgeSet = new Set(edges.map(([a, b]) => `${a}>${b}`));
        for (let i = 0; i + 1 < cycle.length; i++) expect(edgeSet).toContain(`${cycle[i]}>${cycle[i + 1]}`);
        expect(new Set(cycle.slice(0, -1)).size).toBe(cycle.length - 1);
      }),
      { numRuns: 500 },
    );
  });

  it("puts every node of an acyclic graph in the level of its longest upstream path", () => {
    fc.assert(
      fc.property(acyclicGraph, ({ nodes, edges }) => {
        const { levels, cycle } = planExecution(nodes, edges);
        expect(cycle).toBeNull();
        expect(levels.flat().sort()).toEqual([...nodes].sort());
        const expected = referenceLevels(reference(nodes, edges));
        levels.forEach((level, depth) => {
          for (const node of level) expect(expected.get(node), node).toBe(depth);
        });
      }),
      { numRuns: 500 },
    );
  });

  it("plans the demo's diamond in three levels", () => {
    const plan = planExecution(
      ["top", "daily", "asins", "summary"],
      [
        ["top", "daily"],
        ["top", "asins"],
        ["daily", "summary"],
        ["asins", "summary"],
      ],
    );
    expect(plan).toEqual({ levels: [["top"], ["daily", "asins"], ["summary"]], cycle: null });
  });

  it("names a self-loop as a cycle of one node", () => {
    expect(
      planExecution(
        ["a", "b"],
        [
          ["a", "b"],
          ["b", "b"],
        ],
      ).cycle,
    ).toEqual(["b", "b"]);
  });

  it("ignores edges to unknown nodes (reported as structural findings instead)", () => {
    expect(planExecution(["a"], [["a", "ghost"]])).toEqual({ levels: [["a"]], cycle: null });
  });
});
