import type { StoreApi } from "zustand/vanilla";
import type { EditorState, Snapshot } from "./store";

// The editor's undo and redo: every edit goes through `commit`, which records the state before it.

export const HISTORY_LIMIT = 200;
/** Edits of the same field within this window are one undo step (typing is not 30 steps). */
const COALESCE_MS = 1000;

let nextId = 1;
/** A new state's id: "unsaved" is simply `id !== savedId`. */
export const newStateId = () => nextId++;

export type Commit = (
  change: (state: EditorState) => Partial<Snapshot>,
  field?: string,
  /** Moves nodes only: the findings cannot change, so live validation need not run. */
  layoutOnly?: boolean,
) => void;

export function historySlice(set: StoreApi<EditorState>["setState"], get: () => EditorState) {
  let lastEdit = { field: "", at: 0 };

  /** Records the current state as an undo step, then applies `change` as a new state. */
  const commit: Commit = (change, field, layoutOnly = false) => {
    const state = get();
    const now = Date.now();
    const coalesce = field !== undefined && field === lastEdit.field && now - lastEdit.at < COALESCE_MS;
    lastEdit = { field: field ?? "", at: now };
    const snapshot: Snapshot = {
      id: state.id,
      nodes: state.nodes,
      edges: state.edges,
      settings: state.settings,
    };
    set({
      ...change(state),
      id: coalesce ? state.id : newStateId(),
      contentRevision: layoutOnly ? state.contentRevision : state.contentRevision + 1,
      past: coalesce ? state.past : [...state.past, snapshot].slice(-HISTORY_LIMIT),
      future: [],
      notice: null,
    });
  };

  const actions: Pick<EditorState, "beginDrag" | "undo" | "redo"> = {
    beginDrag() {
      commit(() => ({}), undefined, true);
    },

    undo() {
      const { past, future, id, nodes, edges, settings, contentRevision } = get();
      const previous = past.at(-1);
      if (!previous) return;
      lastEdit = { field: "", at: 0 };
      set({
        ...previous,
        past: past.slice(0, -1),
        future: [{ id, nodes, edges, settings }, ...future],
        contentRevision: contentRevision + 1,
        notice: null,
      });
    },
    redo() {
      const { past, future, id, nodes, edges, settings, contentRevision } = get();
      const next = future[0];
      if (!next) return;
      lastEdit = { field: "", at: 0 };
      set({
        ...next,
        future: future.slice(1),
        past: [...past, { id, nodes, edges, settings }],
        contentRevision: contentRevision + 1,
        notice: null,
      });
    },
  };
  return { commit, actions };
}
