import type { Edge, Node } from "@xyflow/react";
import type { CompositionConnection, CompositionDocument, CompositionNode } from "@/lib/compositions/schema";
import type { Finding } from "@/lib/compositions/validation/findings";
import type { TemplateResponse } from "@/lib/templates/schema";

/** A node's state in a run, shown in the node's status slot. */
export type NodeRun = {
  status: string;
  attempt: number;
  durationMs: number | null;
  /** Its result's metadata (a table's row count), once completed. */
  resultMetadata?: unknown;
};

/**
 * A template node: the document's node (the same zod-inferred shape the API saves, less its
 * position, which React Flow holds), and what the canvas shows beside it.
 */
export type TemplateNodeData = Omit<CompositionNode, "position"> & {
  /** The template at the version the node runs. */
  template: TemplateResponse | undefined;
  /** The template's current version, when it is newer than the node's (offered as an upgrade). */
  newerVersion: number | null;
  /** Parameters fed by connections. */
  mapped: number;
  findings: Finding[];
  run?: NodeRun;
};

/** A connection's kind and mappings (or table alias), as the document has them. */
export type MappingEdgeData = Pick<
  CompositionConnection,
  "kind" | "alias" | "fieldMappings" | "transformationRules" | "isRequired"
>;

export type TemplateFlowNode = Node<TemplateNodeData, "template">;
export type MappingFlowEdge = Edge<MappingEdgeData>;

/** The part of a composition the canvas draws. */
export type Graph = Pick<CompositionDocument, "nodes" | "connections">;
