import type { Connection, EdgeChange, NodeChange, XYPosition } from "@xyflow/react";
import { createStore, type StoreApi } from "zustand/vanilla";
import { type TemplateLookup, templateLookup, templateOfNode } from "@/components/canvas/template-lookup";
import { nodeFindings, toFlow } from "@/components/canvas/to-flow";
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
import type { TemplateResponse } from "@/lib/templates/schema";
import type { OutputField } from "@/lib/value-types";
import { clipboardSlice } from "./store-clipboard";
import { findingsSlice } from "./store-findings";
import { graphSlice } from "./store-graph";
import { type Commit, HISTORY_LIMIT, historySlice, newStateId } from "./store-history";
import { settingsOf } from "./store-rows";

export { HISTORY_LIMIT };

export type NodeOutputs = Record<string, OutputField[]>;

/** The composition-level fields the settings form edits. */
export type Settings = Pick<
  CompositionDocument,
  "compositionId" | "name" | "description" | "tags" | "isPublic" | "globalParameters" | "settings"
>;

/** What undo and redo restore. `id` names the state, so "unsaved" is simply `id !== savedId`. */
export interface Snapshot {
  id: number;
  nodes: TemplateFlowNode[];
  edges: MappingFlowEdge[];
  settings: Settings;
}

export interface EditorState extends Snapshot {
  templates: Map<string, TemplateResponse>;
  findings: Finding[];
  /** "Query results" nodes' own columns, as the server last described their SQL. */
  nodeOutputs: NodeOutputs;
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
  /** The server's findings (and, from a validation, the Query results nodes' columns). */
  setFindings(findings: Finding[], nodeOutputs?: NodeOutputs): void;
  /**
   * The state `id` is saved (not an undo step); saved here, with the server's findings and
   * composition_id (made from the name when none was given). Without them: saved elsewhere (a copy).
   */
  markSaved(
    id: number,
    saved?: { findings: Finding[]; nodeOutputs: NodeOutputs; compositionId: string },
  ): void;
  /** Replaces everything with another document (theirs, after a conflict): not undoable. */
  reset(document: CompositionDocument, findings: Finding[], nodeOutputs: NodeOutputs): void;
  setNotice(notice: string | null): void;
  setUnapplied(reason: string | null): void;
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
      kind: edge.data!.kind,
      ...(edge.data!.kind === "table" ? { alias: edge.data!.alias } : {}),
      fieldMappings: edge.data!.fieldMappings,
      transformationRules: edge.data!.transformationRules,
      isRequired: edge.data!.isRequired,
    })),
    viewport,
  };
}

/** What every slice of the store works with (store-graph.ts, store-clipboard.ts, store-findings.ts). */
export interface SliceContext {
  set: StoreApi<EditorState>["setState"];
  get: () => EditorState;
  commit: Commit;
  lookup: TemplateLookup;
  templates: Map<string, TemplateResponse>;
  /** A node of the document as the canvas draws it, with its template and findings. */
  nodeData: (node: CompositionNode, findings: Finding[]) => TemplateNodeData;
}

/**
 * One editor's state: the graph in React Flow's shape (so dragging 1 of 1,000 nodes changes one
 * object), the composition's settings, undo/redo history and the clipboard.
 */
export function createEditorStore(options: {
  document: CompositionDocument;
  findings: Finding[];
  nodeOutputs?: NodeOutputs;
  templates: TemplateResponse[];
  /** Older versions of templates that the document's nodes are pinned to. */
  olderTemplates?: TemplateResponse[];
}) {
  const lookup = templateLookup(options.templates, options.olderTemplates);
  const templates = lookup.current;
  const initial = toFlow(options.document, lookup, options.findings);
  const firstId = newStateId();

  return createStore<EditorState>()((set, get) => {
    const history = historySlice(set, get);
    const nodeData = (node: CompositionNode, findings: Finding[]): TemplateNodeData => {
      const { position: _p, ...rest } = node;
      return {
        ...rest,
        ...templateOfNode(lookup, node),
        mapped: 0,
        findings: nodeFindings(findings, node.nodeId),
      };
    };
    const context: SliceContext = { set, get, commit: history.commit, lookup, templates, nodeData };
    return {
      id: firstId,
      savedId: firstId,
      contentRevision: 0,
      nodes: initial.nodes,
      edges: initial.edges,
      settings: settingsOf(options.document),
      templates,
      findings: options.findings,
      nodeOutputs: options.nodeOutputs ?? {},
      past: [],
      future: [],
      notice: null,
      clipboard: null,
      unapplied: null,
      ...history.actions,
      ...graphSlice(context),
      ...clipboardSlice(context),
      ...findingsSlice(context),
    };
  });
}

export type EditorStore = ReturnType<typeof createEditorStore>;
