import type { Finding } from "@/lib/compositions/validation/findings";
import { planExecution } from "@/lib/compositions/validation/plan";
import type { TemplateResponse } from "@/lib/templates/service";
import type { Graph, MappingFlowEdge, NodeRun, TemplateFlowNode } from "./types";

/**
 * Where to draw each node: its saved position, unless several nodes share one (a composition made
 * through the API without positions); then left to right by execution level.
 */
function positions(graph: Graph): Map<string, { x: number; y: number }> {
  const saved = new Map(graph.nodes.map((node) => [node.nodeId, node.position]));
  const distinct = new Set(graph.nodes.map((node) => `${node.position.x},${node.position.y}`));
  if (distinct.size === graph.nodes.length) return saved;
  const { levels, cycle } = planExecution(
    graph.nodes.map((node) => node.nodeId),
    graph.connections.map((c) => [c.sourceNodeId, c.targetNodeId] as const),
  );
  if (cycle) return saved;
  const laidOut = new Map<string, { x: number; y: number }>();
  for (const [depth, level] of levels.entries()) {
    for (const [row, nodeId] of level.entries()) laidOut.set(nodeId, { x: depth * 340, y: row * 160 });
  }
  return laidOut;
}

/** React Flow nodes and edges for a composition graph, its findings and (in a run) node states. */
export function toFlow(
  graph: Graph,
  templates: TemplateResponse[],
  findings: Finding[] = [],
  runs?: Map<string, NodeRun>,
): { nodes: TemplateFlowNode[]; edges: MappingFlowEdge[] } {
  const byTemplate = new Map(templates.map((template) => [template.templateId, template]));
  const mappedParams = new Map<string, Set<string>>();
  for (const connection of graph.connections) {
    const params = mappedParams.get(connection.targetNodeId) ?? new Set<string>();
    for (const param of Object.keys(connection.fieldMappings)) params.add(param);
    mappedParams.set(connection.targetNodeId, params);
  }
  const at = positions(graph);
  const nodes: TemplateFlowNode[] = graph.nodes.map((node) => ({
    id: node.nodeId,
    type: "template",
    position: at.get(node.nodeId) ?? node.position,
    data: {
      nodeId: node.nodeId,
      templateId: node.templateId,
      template: byTemplate.get(node.templateId),
      mapped: mappedParams.get(node.nodeId)?.size ?? 0,
      overridden: Object.keys(node.parameterOverrides).length,
      isConditional: node.isConditional,
      findings: findings.filter((finding) => finding.nodeId === node.nodeId && !finding.connectionId),
      run: runs?.get(node.nodeId),
    },
  }));
  const edges: MappingFlowEdge[] = graph.connections.map((connection) => {
    const flagged = findings.some((finding) => finding.connectionId === connection.connectionId);
    const mapped = Object.entries(connection.fieldMappings).map(([param, field]) => {
      const rule = connection.transformationRules[param];
      return `${field} → ${param}${rule ? ` (${rule})` : ""}`;
    });
    return {
      id: connection.connectionId,
      source: connection.sourceNodeId,
      target: connection.targetNodeId,
      label: mapped.join(", ") || undefined,
      style: {
        strokeDasharray: connection.isRequired ? undefined : "6 4",
        stroke: flagged ? "#d97706" : undefined,
      },
    };
  });
  return { nodes, edges };
}
