import { applyEdgeChanges, applyNodeChanges } from "@xyflow/react";
import { edgeAppearance, edgeFindings, toEdge } from "@/components/canvas/to-flow";
import type { CompositionNode } from "@/lib/compositions/schema";
import {
  freeSpotOffset,
  layoutLeftToRight,
  newConnection,
  uniqueId,
  wouldCloseCycle,
} from "@/lib/editor/graph";
import type { EditorState, SliceContext } from "./store";
import { boxOf, withMappedCounts } from "./store-rows";

// The graph's edits: nodes and connections added, changed, selected, deleted, laid out.

export function graphSlice({
  set,
  get,
  commit,
  templates,
  nodeData,
}: SliceContext): Pick<
  EditorState,
  | "onNodesChange"
  | "onEdgesChange"
  | "connect"
  | "addNode"
  | "updateNode"
  | "upgradeNode"
  | "updateEdge"
  | "updateSettings"
  | "select"
  | "selectAll"
  | "deleteSelection"
  | "autoLayout"
> {
  return {
    onNodesChange(changes) {
      // Removal goes through deleteSelection (one undo step for nodes and their edges).
      const kept = changes.filter((change) => change.type !== "remove");
      if (kept.length) set({ nodes: applyNodeChanges(kept, get().nodes) });
    },
    onEdgesChange(changes) {
      const kept = changes.filter((change) => change.type !== "remove");
      if (kept.length) set({ edges: applyEdgeChanges(kept, get().edges) });
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
      const sourceNode = nodes.find((node) => node.id === source);
      const sourceTemplate = sourceNode?.data.template;
      const targetTemplate = nodes.find((node) => node.id === target)?.data.template;
      const incoming = edges.filter((edge) => edge.target === target);
      const into = {
        mapped: new Set(incoming.flatMap((edge) => Object.keys(edge.data!.fieldMappings))),
        aliases: new Set(incoming.flatMap((edge) => (edge.data!.alias ? [edge.data!.alias] : []))),
      };
      const connectionId = uniqueId(`${source}_to_${target}`, new Set(edges.map((edge) => edge.id)));
      const edge = toEdge(
        {
          connectionId,
          sourceNodeId: source,
          targetNodeId: target,
          isRequired: true,
          ...newConnection(
            {
              kind: "echo",
              outputs: [],
              ...sourceTemplate,
              name: sourceNode?.data.label || sourceTemplate?.name || source,
            },
            targetTemplate,
            into,
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
  };
}
