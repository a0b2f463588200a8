import { mappedCounts } from "@/components/canvas/to-flow";
import type { MappingFlowEdge, TemplateFlowNode } from "@/components/canvas/types";
import type { CompositionConnection, CompositionDocument, CompositionNode } from "@/lib/compositions/schema";
import type { Settings } from "./store";

// The editor's nodes and edges (React Flow's shape) as the document's nodes and connections, and
// what the slices of the store compute from them.

/** A node's place and drawn size, as free-space placement needs it. */
export const boxOf = (node: TemplateFlowNode) => ({
  id: node.id,
  ...node.position,
  width: node.measured?.width,
  height: node.measured?.height,
});

export function toCompositionNode(node: TemplateFlowNode): CompositionNode {
  const { template: _t, newerVersion: _n, mapped: _m, findings: _f, run: _r, ...rest } = node.data;
  return { ...rest, position: node.position };
}

export function toConnection(edge: MappingFlowEdge): CompositionConnection {
  return { connectionId: edge.id, sourceNodeId: edge.source, targetNodeId: edge.target, ...edge.data! };
}

/** Recomputes the "n mapped" count on the nodes whose incoming mappings may have changed. */
export function withMappedCounts(
  nodes: TemplateFlowNode[],
  edges: MappingFlowEdge[],
  touched: Set<string>,
): TemplateFlowNode[] {
  if (!touched.size) return nodes;
  const counts = mappedCounts(edges.map(toConnection));
  return nodes.map((node) =>
    touched.has(node.id) && node.data.mapped !== (counts.get(node.id) ?? 0)
      ? { ...node, data: { ...node.data, mapped: counts.get(node.id) ?? 0 } }
      : node,
  );
}

/** The composition-level fields the settings form edits, of a document. */
export function settingsOf(document: CompositionDocument): Settings {
  const { compositionId, name, description, tags, isPublic, globalParameters, settings } = document;
  return { compositionId, name, description, tags, isPublic, globalParameters, settings };
}
