import type {
  CompositionConnection,
  CompositionDocumentInput,
  CompositionNode,
} from "@/lib/compositions/schema";

/** A small deterministic PRNG (mulberry32), so every run benchmarks the same graph. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A valid composition of echo nodes: each node after the first two is fed by two random earlier
 * nodes (one mapping `message`, one `value`), so connections ≈ 2 × nodes and the graph is a DAG.
 */
export function generateComposition(
  nodeCount: number,
  seed = 42,
): CompositionDocumentInput & {
  nodes: Partial<CompositionNode>[];
  connections: Partial<CompositionConnection>[];
} {
  const next = random(seed);
  const nodes = Array.from({ length: nodeCount }, (_, i) => ({
    nodeId: `n${i}`,
    templateId: "echo",
    position: { x: (i % 50) * 220, y: Math.floor(i / 50) * 120 },
  }));
  const connections: NonNullable<CompositionDocumentInput["connections"]> = [];
  for (let i = 1; i < nodeCount; i++) {
    const feeds = i === 1 ? ["message"] : ["message", "value"];
    for (const param of feeds) {
      const source = Math.floor(next() * i);
      connections.push({
        connectionId: `c${connections.length}`,
        sourceNodeId: `n${source}`,
        targetNodeId: `n${i}`,
        fieldMappings: { [param]: param },
      });
    }
  }
  return { name: `Generated ${nodeCount}`, nodes, connections };
}
