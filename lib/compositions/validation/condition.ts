import jsonata from "jsonata";

type AstNode = { type?: string; value?: unknown; steps?: AstNode[]; [key: string]: unknown };
type Parsed = { names: string[] } | { error: string };

/** Parsed conditions by text: the editor re-validates the same document every few edits. */
const cache = new Map<string, Parsed>();
const CACHE_SIZE = 2_000;

/**
 * Parses a node's condition (JSONata, evaluated over an object keyed by upstream node id) and returns
 * the node ids it reads — the first step of each path, and bare names — or the parse error. Parsing
 * is the only JSONata work done on the event loop (evaluation runs in the sandbox); its cost is
 * bounded by the document schema's limits on condition length, and an expression nested too deeply
 * for the parser's recursion is a parse error, not a crash.
 */
export function parseCondition(expression: string): Parsed {
  const known = cache.get(expression);
  if (known) return known;
  const parsed = parse(expression);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(expression, parsed);
  return parsed;
}

function parse(expression: string): Parsed {
  let ast: AstNode;
  try {
    ast = jsonata(expression).ast() as AstNode;
  } catch (error) {
    if (error instanceof RangeError) return { error: "it is nested too deeply" };
    return { error: (error as { message?: string }).message ?? String(error) };
  }
  const names = new Set<string>();
  // Iterative: a long but flat expression (1+1+…+1) is a deep tree.
  const stack: unknown[] = [ast];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (!node || typeof node !== "object") continue;
    const current = node as AstNode;
    if (current.type === "path" && current.steps?.[0]?.type === "name") {
      names.add(String(current.steps[0].value));
      // Later steps and their predicates are relative to the node's output, not other nodes.
      continue;
    }
    if (current.type === "name") {
      names.add(String(current.value));
      continue;
    }
    for (const [key, child] of Object.entries(current))
      if (key !== "position" && key !== "value") stack.push(child);
  }
  return { names: [...names] };
}
