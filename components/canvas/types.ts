import type { Edge, Node } from "@xyflow/react";
import type { CompositionDocument } from "@/lib/compositions/schema";
import type { Finding } from "@/lib/compositions/validation/findings";
import type { TemplateResponse } from "@/lib/templates/service";

/** A node's state in a run, shown in the node's status slot. */
export type NodeRun = { status: string; attempt: number; durationMs: number | null };

/** What a template node shows. */
export type TemplateNodeData = {
  nodeId: string;
  templateId: string;
  template: TemplateResponse | undefined;
  /** Parameters fed by connections, and set on the node. */
  mapped: number;
  overridden: number;
  isConditional: boolean;
  findings: Finding[];
  run?: NodeRun;
};

export type TemplateFlowNode = Node<TemplateNodeData, "template">;
export type MappingFlowEdge = Edge;

/** The part of a composition the canvas draws. */
export type Graph = Pick<CompositionDocument, "nodes" | "connections">;
