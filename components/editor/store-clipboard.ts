import { toEdge } from "@/components/canvas/to-flow";
import type { TemplateFlowNode } from "@/components/canvas/types";
import { copyWithFreshIds, freeSpotOffset } from "@/lib/editor/graph";
import type { EditorState, SliceContext } from "./store";
import { boxOf, toCompositionNode, toConnection, withMappedCounts } from "./store-rows";

// Copy and paste of nodes with the connections among them.

export function clipboardSlice({
  set,
  get,
  commit,
  nodeData,
}: SliceContext): Pick<EditorState, "copySelection" | "paste"> {
  return {
    copySelection() {
      const { nodes, edges } = get();
      const chosen = nodes.filter((node) => node.selected);
      if (!chosen.length) return;
      const ids = new Set(chosen.map((node) => node.id));
      set({
        clipboard: {
          nodes: chosen.map(toCompositionNode),
          connections: edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map(toConnection),
        },
        notice: `Copied ${chosen.length} ${chosen.length === 1 ? "node" : "nodes"}.`,
      });
    },

    paste() {
      const { clipboard, nodes, edges, findings } = get();
      if (!clipboard) return set({ notice: "Nothing to paste: select nodes and press Ctrl+C first." });
      const copy = copyWithFreshIds(clipboard.nodes, clipboard.connections, {
        nodes: new Set(nodes.map((node) => node.id)),
        connections: new Set(edges.map((edge) => edge.id)),
      });
      // Clear of the nodes already there (measured sizes where the originals are on the canvas).
      const measured = new Map(nodes.map((node) => [node.id, node.measured]));
      const offset = freeSpotOffset(
        copy.nodes.map((node, i) => ({
          id: node.nodeId,
          ...node.position,
          ...measured.get(clipboard.nodes[i]!.nodeId),
        })),
        nodes.map(boxOf),
      );
      for (const node of copy.nodes)
        node.position = { x: node.position.x + offset.x, y: node.position.y + offset.y };
      // The copy becomes the clipboard, so a second paste lands beside the first, not on it.
      set({ clipboard: copy });
      commit((state) => {
        const pastedEdges = copy.connections.map((connection) => ({
          ...toEdge(connection, []),
          selected: true,
        }));
        const allEdges = [
          ...state.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
          ...pastedEdges,
        ];
        const pastedNodes = copy.nodes.map(
          (node): TemplateFlowNode => ({
            id: node.nodeId,
            type: "template",
            position: node.position,
            data: nodeData(node, findings),
            selected: true,
          }),
        );
        return {
          edges: allEdges,
          nodes: withMappedCounts(
            [...state.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...pastedNodes],
            allEdges,
            new Set(pastedNodes.map((node) => node.id)),
          ),
        };
      });
    },
  };
}
