import jsonata from "jsonata";

type AstNode = { type?: string; value?: unknown; steps?: AstNode[]; [key: string]: unknown };

/**
 * Parses a node's condition (JSONata, evaluated over an object keyed by upstream node id) and returns
 * the node ids it reads — the first step of each path, and bare names — or the parse error.
 */
export function parseCondition(expression: string): { names: string[] } | { error: string } {
  let ast: AstNode;
  try {
    ast = jsonata(expression).ast() as AstNode;
  } catch (error) {
    return { error: (error as { message?: string }).message ?? String(error) };
  }
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!node || typeof node !== "object") return;
    const ast = node as AstNode;
    if (ast.type === "path" && ast.steps?.[0]?.type === "name") {
      names.add(String(ast.steps[0].value));
      // Later steps and their predicates are relative to the node's output, not other nodes.
      return;
    }
    if (ast.type === "name") {
      names.add(String(ast.value));
      return;
    }
    for (const [key, child] of Object.entries(ast)) if (key !== "position" && key !== "value") visit(child);
  };
  visit(ast);
  return { names: [...names] };
}
