import type { Edge, Node } from "@xyflow/react";
import type { CompositionResponse } from "@/lib/compositions/document";
import type { Finding } from "@/lib/compositions/validation/findings";
import type { TemplateResponse } from "@/lib/templates/service";

/** What a template node shows: the composition node as the API returns it, its template, its findings. */
export type TemplateNodeData = {
  node: CompositionResponse["nodes"][number];
  template: TemplateResponse | undefined;
  findings: Finding[];
};

export type TemplateFlowNode = Node<TemplateNodeData, "template">;
export type MappingFlowEdge = Edge<{ findings: Finding[] }>;
