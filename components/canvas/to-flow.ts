import type { CompositionConnection } from "@/lib/compositions/schema";
import type { Finding } from "@/lib/compositions/validation/findings";
import { planExecution } from "@/lib/compositions/validation/plan";
import { plural } from "@/lib/plural";
import { type TemplateLookup, templateOfNode } from "./template-lookup";
import type { Graph, MappingEdgeData, MappingFlowEdge, NodeRun, TemplateFlowNode } from "./types";

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

/** Parameters of each node that its incoming connections feed. */
export function mappedCounts(connections: Graph["connections"]): Map<string, number> {
  const params = new Map<string, Set<string>>();
  for (const connection of connections) {
    const fed = params.get(connection.targetNodeId) ?? new Set<string>();
    for (const param of Object.keys(connection.fieldMappings)) fed.add(param);
    params.set(connection.targetNodeId, fed);
  }
  return new Map([...params].map(([nodeId, fed]) => [nodeId, fed.size]));
}

/**
 * How a connection is drawn: its mappings as the label (a rule still to choose says so), dashed
 * when optional, amber when it has findings.
 */
export function edgeAppearance(
  data: MappingEdgeData,
  findings: Finding[],
  /** In a run: the rows the source's table result handed over a table connection. */
  rowCount?: number,
): Pick<MappingFlowEdge, "label" | "style"> {
  const flagged = findings.length > 0;
  const unchosen = new Set(findings.filter((f) => f.code === "rule_not_chosen").map((f) => f.param));
  const mapped = Object.entries(data.fieldMappings).map(([param, field]) => {
    const rule = unchosen.has(param) ? "choose a rule" : data.transformationRules[param];
    return `${field} → ${param}${rule && rule !== "first" ? ` (${rule})` : ""}`;
  });
  // Two mappings at most, so a label stays shorter than the gap between two nodes.
  const shown = mapped.length > 2 ? [...mapped.slice(0, 2), `+${mapped.length - 2} more`] : mapped;
  // A table connection hands over whole rows: a thicker line, labelled with the name SQL reads it by.
  const table = data.kind === "table";
  return {
    label: table
      ? `⊞ ${data.alias ?? "(no alias)"}${rowCount === undefined ? "" : ` · ${plural(rowCount, "row")}`}`
      : shown.join(", ") || undefined,
    style: {
      strokeDasharray: data.isRequired ? undefined : "6 4",
      stroke: flagged ? "#d97706" : table ? "#0f766e" : undefined,
      strokeWidth: flagged || table ? 2.5 : undefined,
    },
  };
}

/** React Flow nodes and edges for a composition graph, its findings and (in a run) node states. */
export function toFlow(
  graph: Graph,
  templates: TemplateLookup,
  findings: Finding[] = [],
  runs?: Map<string, NodeRun>,
): { nodes: TemplateFlowNode[]; edges: MappingFlowEdge[] } {
  const mapped = mappedCounts(graph.connections);
  const at = positions(graph);
  const nodes: TemplateFlowNode[] = graph.nodes.map(({ position, ...node }) => ({
    id: node.nodeId,
    type: "template",
    position: at.get(node.nodeId) ?? position,
    data: {
      ...node,
      // A run shows what ran: no upgrade to offer.
      ...(runs
        ? { ...templateOfNode(templates, node), newerVersion: null }
        : templateOfNode(templates, node)),
      mapped: mapped.get(node.nodeId) ?? 0,
      findings: nodeFindings(findings, node.nodeId),
      run: runs?.get(node.nodeId),
    },
  }));
  const edges = graph.connections.map((connection) =>
    toEdge(
      connection,
      edgeFindings(findings, connection.connectionId),
      tableRows(runs?.get(connection.sourceNodeId)),
    ),
  );
  return { nodes, edges };
}

/** The row count of a run's table result (none for a JSON value, or before it completed). */
function tableRows(run: NodeRun | undefined): number | undefined {
  const metadata = run?.resultMetadata as { type?: string; rowCount?: number } | null | undefined;
  return metadata?.type === "table" ? metadata.rowCount : undefined;
}

/** A connection as a React Flow edge, its mappings as data. */
export function toEdge(
  connection: CompositionConnection,
  findings: Finding[],
  rowCount?: number,
): MappingFlowEdge {
  const data: MappingEdgeData = {
    kind: connection.kind,
    ...(connection.alias === undefined ? {} : { alias: connection.alias }),
    fieldMappings: connection.fieldMappings,
    transformationRules: connection.transformationRules,
    isRequired: connection.isRequired,
  };
  return {
    id: connection.connectionId,
    source: connection.sourceNodeId,
    target: connection.targetNodeId,
    data,
    ...edgeAppearance(data, findings, rowCount),
  };
}

/** The findings shown on a node: those that name it, and not one of its connections. */
export const nodeFindings = (findings: Finding[], nodeId: string) =>
  findings.filter((finding) => finding.nodeId === nodeId && !finding.connectionId);

export const edgeFindings = (findings: Finding[], connectionId: string) =>
  findings.filter((finding) => finding.connectionId === connectionId);
