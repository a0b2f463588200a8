import { edgeAppearance, edgeFindings, nodeFindings, toFlow } from "@/components/canvas/to-flow";
import type { Finding } from "@/lib/compositions/validation/findings";
import type { EditorState, SliceContext } from "./store";
import { newStateId } from "./store-history";
import { settingsOf } from "./store-rows";

// What the server says of the composition (its findings, that a state is saved), a reset to
// another document, and the one-line notices.

export function findingsSlice({
  set,
  get,
  lookup,
}: SliceContext): Pick<EditorState, "setFindings" | "markSaved" | "reset" | "setNotice" | "setUnapplied"> {
  return {
    setFindings(findings, nodeOutputs) {
      if (nodeOutputs && JSON.stringify(nodeOutputs) !== JSON.stringify(get().nodeOutputs))
        set({ nodeOutputs });
      // Only nodes and edges whose findings changed get new objects (and re-render).
      const same = (a: Finding[], b: Finding[]) => JSON.stringify(a) === JSON.stringify(b);
      if (same(findings, get().findings)) return;
      set((state) => ({
        findings,
        nodes: state.nodes.map((node) => {
          const mine = nodeFindings(findings, node.id);
          return same(mine, node.data.findings) ? node : { ...node, data: { ...node.data, findings: mine } };
        }),
        edges: state.edges.map((edge) => {
          const mine = edgeFindings(findings, edge.id);
          return same(mine, edgeFindings(state.findings, edge.id))
            ? edge
            : { ...edge, ...edgeAppearance(edge.data!, mine) };
        }),
      }));
    },

    markSaved(id, saved) {
      set((state) => ({
        savedId: id,
        ...(saved && { settings: { ...state.settings, compositionId: saved.compositionId } }),
      }));
      if (saved) get().setFindings(saved.findings, saved.nodeOutputs);
    },

    reset(document, findings, nodeOutputs) {
      const flow = toFlow(document, lookup, findings);
      const id = newStateId();
      set({
        id,
        savedId: id,
        ...flow,
        settings: settingsOf(document),
        findings,
        nodeOutputs,
        past: [],
        future: [],
        notice: null,
        unapplied: null,
      });
    },

    setNotice(notice) {
      set({ notice });
    },

    setUnapplied(reason) {
      set({ unapplied: reason });
    },
  };
}
