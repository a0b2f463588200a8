export interface ExecutionPlan {
  /** Topological levels: every node's upstream nodes are in earlier levels; one level may run in parallel. */
  levels: string[][];
}

export interface PlanResult extends ExecutionPlan {
  /** A cycle as a node path whose first and last entries are the same node, or null. */
  cycle: string[] | null;
}

/**
 * Topological levels by Kahn's algorithm (a node's level is one more than its deepest upstream
 * node's), and, when the graph is not acyclic, one cycle as a node path. Linear in nodes + edges.
 * Edges naming unknown nodes are ignored (they are reported as structural findings elsewhere).
 */
export function planExecution(
  nodeIds: readonly string[],
  edges: readonly (readonly [string, string])[],
): PlanResult {
  const index = new Map<string, number>();
  for (const id of nodeIds) if (!index.has(id)) index.set(id, index.size);
  const ids = [...index.keys()];
  const count = ids.length;

  const outgoing: number[][] = Array.from({ length: count }, () => []);
  const incoming: number[][] = Array.from({ length: count }, () => []);
  const pending = new Int32Array(count);
  for (const [source, target] of edges) {
    const from = index.get(source);
    const to = index.get(target);
    if (from === undefined || to === undefined) continue;
    outgoing[from]!.push(to);
    incoming[to]!.push(from);
    pending[to]!++;
  }

  const level = new Int32Array(count);
  const queue: number[] = [];
  for (let node = 0; node < count; node++) if (pending[node] === 0) queue.push(node);
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (const next of outgoing[node]!) {
      if (level[node]! + 1 > level[next]!) level[next] = level[node]! + 1;
      if (--pending[next]! === 0) queue.push(next);
    }
  }

  if (queue.length < count) return { levels: [], cycle: findCycle(ids, incoming, pending) };

  const levels: string[][] = [];
  for (const node of queue) {
    const depth = level[node]!;
    levels[depth] ??= [];
    levels[depth].push(ids[node]!);
  }
  return { levels, cycle: null };
}

/**
 * Every node Kahn's algorithm left behind has an unprocessed upstream node, so walking upstream from
 * any of them must revisit a node: the walk between the two visits, reversed, is a cycle.
 */
function findCycle(ids: string[], incoming: number[][], pending: Int32Array): string[] {
  const start = pending.findIndex((left) => left > 0);
  const seenAt = new Map<number, number>();
  const walk: number[] = [];
  let node = start;
  while (!seenAt.has(node)) {
    seenAt.set(node, walk.length);
    walk.push(node);
    node = incoming[node]!.find((previous) => pending[previous]! > 0)!;
  }
  const loop = walk.slice(seenAt.get(node)).reverse();
  return [...loop, loop[0]!].map((i) => ids[i]!);
}
