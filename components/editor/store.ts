import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type XYPosition,
} from "@xyflow/react";
import { createStore } from "zustand/vanilla";
import { templateLookup, templateOfNode } from "@/components/canvas/template-lookup";
import {
  edgeAppearance,
  edgeFindings,
  mappedCounts,
  nodeFindings,
  toEdge,
  toFlow,
} from "@/components/canvas/to-flow";
import type {
  MappingEdgeData,
  MappingFlowEdge,
  TemplateFlowNode,
  TemplateNodeData,
} from "@/components/canvas/types";
import type {
  CompositionConnection,
  CompositionDocument,
  CompositionDocumentInput,
  CompositionNode,
} from "@/lib/compositions/schema";
import type { Finding } from "@/lib/compositions/validation/findings";
import {
  autoMap,
  copyWithFreshIds,
  freeSpotOffset,
  layoutLeftToRight,
  uniqueId,
  wouldCloseCycle,
} from "@/lib/editor/graph";
import type { TemplateResponse } from "@/lib/templates/schema";

/** The composition-level fields the settings form edits. */
export type Settings = Pick<
  CompositionDocument,
  "compositionId" | "name" | "description" | "tags" | "isPublic" | "globalParameters" | "settings"
>;

/** What undo and redo restore. `id` names the state, so "unsaved" is simply `id !== savedId`. */
interface Snapshot {
  id: number;
  nodes: TemplateFlowNode[];
  edges: MappingFlowEdge[];
  settings: Settings;
}

export const HISTORY_LIMIT = 200;
/** Edits of the same field within this window are one undo step (typing is not 30 steps). */
const COALESCE_MS = 1000;

export interface EditorState extends Snapshot {
  templates: Map<string, TemplateResponse>;
  findings: Finding[];
  past: Snapshot[];
  future: Snapshot[];
  savedId: number;
  /**
   * Bumped by every edit that can change the findings (not by moving nodes), including each
   * keystroke of a coalesced edit, and by undo and redo: what live validation follows.
   */
  contentRevision: number;
  /** A one-line message for the user (a refused connection, a paste of nothing). */
  notice: string | null;
  clipboard: { nodes: CompositionNode[]; connections: CompositionConnection[] } | null;
  /**
   * Text typed into a form that is not in the document yet because it is invalid (global
   * parameters edited as JSON), and why: the editor counts as unsaved and refuses to save it.
   */
  unapplied: string | null;

  onNodesChange(changes: NodeChange<TemplateFlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<MappingFlowEdge>[]): void;
  beginDrag(): void;
  connect(connection: Connection): string | null;
  /** Adds a node at `position`, or (inFreeSpace) at the nearest place near it no node covers. */
  addNode(templateId: string, position: XYPosition, inFreeSpace?: boolean): string;
  updateNode(nodeId: string, patch: Partial<CompositionNode>, field?: string): void;
  /** Moves a node to its template's current version; validation then checks its mappings again. */
  upgradeNode(nodeId: string): void;
  updateEdge(edgeId: string, patch: Partial<MappingEdgeData>, field?: string): void;
  updateSettings(patch: Partial<Settings>, field?: string): void;
  select(ids: { nodes?: string[]; edges?: string[] }): void;
  selectAll(): void;
  deleteSelection(): void;
  copySelection(): void;
  paste(): void;
  autoLayout(): void;
  undo(): void;
  redo(): void;
  setFindings(findings: Finding[]): void;
  /**
   * The state `id` is saved (not an undo step); saved here, with the server's findings and
   * composition_id (made from the name when none was given). Without them: saved elsewhere (a copy).
   */
  markSaved(id: number, saved?: { findings: Finding[]; compositionId: string }): void;
  /** Replaces everything with another document (theirs, after a conflict): not undoable. */
  reset(document: CompositionDocument, findings: Finding[]): void;
  setNotice(notice: string | null): void;
  setUnapplied(reason: string | null): void;
}

let nextId = 1;

/** A node's place and drawn size, as free-space placement needs it. */
const boxOf = (node: TemplateFlowNode) => ({
  id: node.id,
  ...node.position,
  width: node.measured?.width,
  height: node.measured?.height,
});

function settingsOf(document: CompositionDocument): Settings {
  const { compositionId, name, description, tags, isPublic, globalParameters, settings } = document;
  return { compositionId, name, description, tags, isPublic, globalParameters, settings };
}

/** The document as the API takes it, from the editor's state. */
export function toDocument(
  state: Pick<EditorState, "nodes" | "edges" | "settings">,
  viewport: CompositionDocument["viewport"],
): CompositionDocumentInput {
  return {
    ...state.settings,
    nodes: state.nodes.map(({ position, data }) => ({
      nodeId: data.nodeId,
      templateId: data.templateId,
      templateVersion: data.templateVersion,
      label: data.label,
      position: { x: Math.round(position.x), y: Math.round(position.y) },
      config: data.config,
      parameterOverrides: data.parameterOverrides,
      isConditional: data.isConditional,
      conditionExpression: data.conditionExpression,
    })),
    connections: state.edges.map((edge) => ({
      connectionId: edge.id,
      sourceNodeId: edge.source,
      targetNodeId: edge.target,
      fieldMappings: edge.data!.fieldMappings,
      transformationRules: edge.data!.transformationRules,
      isRequired: edge.data!.isRequired,
    })),
    viewport,
  };
}

function toCompositionNode(node: TemplateFlowNode): CompositionNode {
  const { template: _t, newerVersion: _n, mapped: _m, findings: _f, run: _r, ...rest } = node.data;
  return { ...rest, position: node.position };
}

function toConnection(edge: MappingFlowEdge): CompositionConnection {
  return { connectionId: edge.id, sourceNodeId: edge.source, targetNodeId: edge.target, ...edge.data! };
}

/** Recomputes the "n mapped" count on the nodes whose incoming mappings may have changed. */
function withMappedCounts(
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

/**
 * One editor's state: the graph in React Flow's shape (so dragging 1 of 1,000 nodes changes one
 * object), the composition's settings, undo/redo history and the clipboard.
 */
export function createEditorStore(options: {
  document: CompositionDocument;
  findings: Finding[];
  templates: TemplateResponse[];
  /** Older versions of templates that the document's nodes are pinned to. */
  olderTemplates?: TemplateResponse[];
}) {
  const lookup = templateLookup(options.templates, options.olderTemplates);
  const templates = lookup.current;
  const initial = toFlow(options.document, lookup, options.findings);
  const firstId = nextId++;

  return createStore<EditorState>()((set, get) => {
    let lastEdit = { field: "", at: 0 };

    /** Records the current state as an undo step, then applies `change` as a new state. */
    const commit = (
      change: (state: EditorState) => Partial<Snapshot>,
      field?: string,
      layoutOnly = false,
    ) => {
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
        id: coalesce ? state.id : nextId++,
        contentRevision: layoutOnly ? state.contentRevision : state.contentRevision + 1,
        past: coalesce ? state.past : [...state.past, snapshot].slice(-HISTORY_LIMIT),
        future: [],
        notice: null,
      });
    };

    const nodeData = (node: CompositionNode, findings: Finding[]): TemplateNodeData => {
      const { position: _p, ...rest } = node;
      return {
        ...rest,
        ...templateOfNode(lookup, node),
        mapped: 0,
        findings: nodeFindings(findings, node.nodeId),
      };
    };

    return {
      id: firstId,
      savedId: firstId,
      contentRevision: 0,
      nodes: initial.nodes,
      edges: initial.edges,
      settings: settingsOf(options.document),
      templates,
      findings: options.findings,
      past: [],
      future: [],
      notice: null,
      clipboard: null,
      unapplied: null,

      onNodesChange(changes) {
        // Removal goes through deleteSelection (one undo step for nodes and their edges).
        const kept = changes.filter((change) => change.type !== "remove");
        if (kept.length) set({ nodes: applyNodeChanges(kept, get().nodes) });
      },
      onEdgesChange(changes) {
        const kept = changes.filter((change) => change.type !== "remove");
        if (kept.length) set({ edges: applyEdgeChanges(kept, get().edges) });
      },
      beginDrag() {
        commit(() => ({}), undefined, true);
      },

      connect({ source, target }) {
        const { edges, nodes } = get();
        if (!source || !target) return null;
        if (edges.some((edge) => edge.source === source && edge.target === target)) {
          set({ notice: `${source} is already connected to ${target}.` });
          return null;
        }
        if (wouldCloseCycle(edges, source, target)) {
          set({
            notice: `Connecting ${source} to ${target} would close a cycle: ${target} already leads to ${source}.`,
          });
          return null;
        }
        const sourceTemplate = nodes.find((node) => node.id === source)?.data.template;
        const targetTemplate = nodes.find((node) => node.id === target)?.data.template;
        const fed = new Set(
          edges
            .filter((edge) => edge.target === target)
            .flatMap((edge) => Object.keys(edge.data!.fieldMappings)),
        );
        const connectionId = uniqueId(`${source}_to_${target}`, new Set(edges.map((edge) => edge.id)));
        const edge = toEdge(
          {
            connectionId,
            sourceNodeId: source,
            targetNodeId: target,
            isRequired: true,
            ...autoMap(
              sourceTemplate ?? { kind: "echo", outputs: [] },
              targetTemplate?.parameters ?? [],
              fed,
            ),
          },
          [],
        );
        commit((state) => {
          const edges = [
            ...state.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
            { ...edge, selected: true },
          ];
          return {
            edges,
            nodes: withMappedCounts(
              state.nodes.map((node) => (node.selected ? { ...node, selected: false } : node)),
              edges,
              new Set([target]),
            ),
          };
        });
        return connectionId;
      },

      addNode(templateId, wanted, inFreeSpace = false) {
        const nodeId = uniqueId(templateId, new Set(get().nodes.map((node) => node.id)));
        const offset = inFreeSpace
          ? freeSpotOffset([{ id: nodeId, ...wanted }], get().nodes.map(boxOf))
          : { x: 0, y: 0 };
        const position = { x: wanted.x + offset.x, y: wanted.y + offset.y };
        const node: CompositionNode = {
          nodeId,
          templateId,
          templateVersion: templates.get(templateId)?.version,
          label: "",
          position,
          config: {},
          parameterOverrides: {},
          isConditional: false,
          conditionExpression: null,
        };
        commit((state) => ({
          nodes: [
            ...state.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)),
            { id: nodeId, type: "template", position, data: nodeData(node, []), selected: true },
          ],
          edges: state.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
        }));
        return nodeId;
      },

      updateNode(nodeId, patch, field) {
        commit(
          (state) => ({
            nodes: state.nodes.map((node) =>
              node.id === nodeId ? { ...node, data: { ...node.data, ...patch } } : node,
            ),
          }),
          field && `node:${nodeId}:${field}`,
        );
      },

      upgradeNode(nodeId) {
        commit((state) => ({
          nodes: state.nodes.map((node) => {
            const current = templates.get(node.data.templateId);
            if (node.id !== nodeId || !current) return node;
            return {
              ...node,
              data: { ...node.data, templateVersion: current.version, template: current, newerVersion: null },
            };
          }),
        }));
      },

      updateEdge(edgeId, patch, field) {
        commit((state) => {
          const edges = state.edges.map((edge) => {
            if (edge.id !== edgeId) return edge;
            const data = { ...edge.data!, ...patch };
            return { ...edge, data, ...edgeAppearance(data, edgeFindings(state.findings, edge.id)) };
          });
          const target = edges.find((edge) => edge.id === edgeId)?.target;
          return { edges, nodes: withMappedCounts(state.nodes, edges, new Set(target ? [target] : [])) };
        }, field && `edge:${edgeId}:${field}`);
      },

      updateSettings(patch, field) {
        commit((state) => ({ settings: { ...state.settings, ...patch } }), field && `settings:${field}`);
      },

      select({ nodes = [], edges = [] }) {
        const nodeIds = new Set(nodes);
        const edgeIds = new Set(edges);
        set((state) => ({
          nodes: state.nodes.map((node) =>
            Boolean(node.selected) === nodeIds.has(node.id)
              ? node
              : { ...node, selected: nodeIds.has(node.id) },
          ),
          edges: state.edges.map((edge) =>
            Boolean(edge.selected) === edgeIds.has(edge.id)
              ? edge
              : { ...edge, selected: edgeIds.has(edge.id) },
          ),
        }));
      },

      selectAll() {
        get().select({
          nodes: get().nodes.map((node) => node.id),
          edges: get().edges.map((edge) => edge.id),
        });
      },

      deleteSelection() {
        const { nodes, edges } = get();
        const gone = new Set(nodes.filter((node) => node.selected).map((node) => node.id));
        const edgesGone = edges.filter(
          (edge) => edge.selected || gone.has(edge.source) || gone.has(edge.target),
        );
        if (!gone.size && !edgesGone.length) return;
        const edgeIds = new Set(edgesGone.map((edge) => edge.id));
        commit((state) => {
          const edges = state.edges.filter((edge) => !edgeIds.has(edge.id));
          return {
            edges,
            nodes: withMappedCounts(
              state.nodes.filter((node) => !gone.has(node.id)),
              edges,
              new Set(edgesGone.map((edge) => edge.target)),
            ),
          };
        });
      },

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

      autoLayout() {
        const { nodes, edges } = get();
        const at = layoutLeftToRight(
          nodes.map((node) => ({ id: node.id, width: node.measured?.width, height: node.measured?.height })),
          edges,
        );
        commit(
          (state) => ({ nodes: state.nodes.map((node) => ({ ...node, position: at.get(node.id)! })) }),
          undefined,
          true,
        );
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

      setFindings(findings) {
        // Only nodes and edges whose findings changed get new objects (and re-render).
        const same = (a: Finding[], b: Finding[]) => JSON.stringify(a) === JSON.stringify(b);
        if (same(findings, get().findings)) return;
        set((state) => ({
          findings,
          nodes: state.nodes.map((node) => {
            const mine = nodeFindings(findings, node.id);
            return same(mine, node.data.findings)
              ? node
              : { ...node, data: { ...node.data, findings: mine } };
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
          ...(saved && {
            findings: saved.findings,
            settings: { ...state.settings, compositionId: saved.compositionId },
          }),
        }));
      },

      reset(document, findings) {
        const flow = toFlow(document, lookup, findings);
        const id = nextId++;
        set({
          id,
          savedId: id,
          ...flow,
          settings: settingsOf(document),
          findings,
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
  });
}

export type EditorStore = ReturnType<typeof createEditorStore>;
