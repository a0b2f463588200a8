import dagre from "@dagrejs/dagre";
import type { CompositionConnection, CompositionNode, TransformationRule } from "@/lib/compositions/schema";
import { yieldsRows } from "@/lib/compositions/validation/aggregation";
import { mappingTypeError } from "@/lib/compositions/validation/compatibility";
import { identifierFrom } from "@/lib/identifier";
import type { ParameterSpec, TemplateKind } from "@/lib/templates/types";
import type { OutputField, ValueType } from "@/lib/value-types";

type Link = { source: string; target: string };

/** Whether adding source → target would close a cycle: the target already reaches the source. */
export function wouldCloseCycle(links: Link[], source: string, target: string): boolean {
  if (source === target) return true;
  const outgoing = new Map<string, string[]>();
  for (const link of links) outgoing.set(link.source, [...(outgoing.get(link.source) ?? []), link.target]);
  const seen = new Set<string>();
  const stack = [target];
  while (stack.length) {
    const current = stack.pop()!;
    if (current === source) return true;
    if (seen.has(current)) continue;
    seen.add(current);
    stack.push(...(outgoing.get(current) ?? []));
  }
  return false;
}

/** `base`, or `base_2`, `base_3`… — the first that is not taken. Ids keep to the document's alphabet. */
export function uniqueId(base: string, taken: Set<string>): string {
  const clean = base.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 90) || "node";
  if (!taken.has(clean)) return clean;
  for (let n = 2; ; n++) {
    const candidate = `${clean}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * The name a new table connection's rows get in its target's SQL: the source's label (or template
 * name) as an identifier, unique among the tables the target already reads.
 */
export function tableAlias(sourceName: string, taken: Set<string>): string {
  const base = identifierFrom(sourceName, 50).replace(/^(?=\d)/, "t_") || "input";
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

/**
 * What a new connection from `source` into `target` starts as: into a "Query results" node, from a
 * node that yields rows, a table connection under an alias; else mappings of same-named fields.
 */
export function newConnection(
  source: { name: string; kind: TemplateKind; definition?: Record<string, unknown>; outputs: OutputField[] },
  target: { kind: TemplateKind; parameters: ParameterSpec[] } | undefined,
  into: { mapped: Set<string>; aliases: Set<string> },
): Pick<CompositionConnection, "kind" | "alias" | "fieldMappings" | "transformationRules"> {
  if (target?.kind === "results_sql" && yieldsRows(source))
    return {
      kind: "table",
      alias: tableAlias(source.name, into.aliases),
      fieldMappings: {},
      transformationRules: {},
    };
  return { kind: "mapping", ...autoMap(source, target?.parameters ?? [], into.mapped) };
}

/**
 * The mappings a new connection starts with: each target parameter that is not yet fed gets the
 * source field of the same name, when its type fits as is or collected into an array. From a table
 * (many rows) into one value the rule is left for the user to choose: validation asks for it and
 * suggests one, since no default is right for every field.
 */
export function autoMap(
  source: { kind: TemplateKind; definition?: Record<string, unknown>; outputs: OutputField[] },
  parameters: ParameterSpec[],
  alreadyMapped: Set<string>,
): Pick<CompositionConnection, "fieldMappings" | "transformationRules"> {
  const fieldMappings: Record<string, string> = {};
  const transformationRules: Record<string, TransformationRule> = {};
  const rows = yieldsRows(source);
  for (const parameter of parameters) {
    if (alreadyMapped.has(parameter.name)) continue;
    const field = source.outputs.find((output) => output.name === parameter.name);
    if (!field) continue;
    const rule = initialRule(field.type, parameter.type, rows);
    if (rule === undefined) continue;
    fieldMappings[parameter.name] = field.name;
    if (rule) transformationRules[parameter.name] = rule;
  }
  return { fieldMappings, transformationRules };
}

/**
 * The rule a new mapping of `source` into `parameter` starts with: `first` for one value, `collect`
 * into an array; null (to choose) for rows into one value; undefined when neither fits as is.
 */
export function initialRule(
  source: ValueType,
  parameter: ValueType,
  fromRows: boolean,
): TransformationRule | null | undefined {
  if (!mappingTypeError(source, "collect", parameter) && mappingTypeError(source, "first", parameter)) {
    return "collect";
  }
  if (mappingTypeError(source, "first", parameter)) return undefined;
  return fromRows ? null : "first";
}

/**
 * A copy of some nodes and the connections among them, with fresh ids that do not collide with
 * `taken`, moved by `offset` so the copy does not hide the original.
 */
export function copyWithFreshIds(
  nodes: CompositionNode[],
  connections: CompositionConnection[],
  taken: { nodes: Set<string>; connections: Set<string> },
  offset = { x: 40, y: 40 },
): { nodes: CompositionNode[]; connections: CompositionConnection[] } {
  const nodeIds = new Set(taken.nodes);
  const connectionIds = new Set(taken.connections);
  const renamed = new Map<string, string>();
  const copiedNodes = nodes.map((node) => {
    const nodeId = uniqueId(node.nodeId, nodeIds);
    nodeIds.add(nodeId);
    renamed.set(node.nodeId, nodeId);
    return {
      ...structuredClone(node),
      nodeId,
      position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
    };
  });
  const copiedConnections = connections
    .filter((c) => renamed.has(c.sourceNodeId) && renamed.has(c.targetNodeId))
    .map((connection) => {
      const sourceNodeId = renamed.get(connection.sourceNodeId)!;
      const targetNodeId = renamed.get(connection.targetNodeId)!;
      const connectionId = uniqueId(`${sourceNodeId}_to_${targetNodeId}`, connectionIds);
      connectionIds.add(connectionId);
      return { ...structuredClone(connection), connectionId, sourceNodeId, targetNodeId };
    });
  return { nodes: copiedNodes, connections: copiedConnections };
}

export const NODE_SIZE = { width: 256, height: 96 };

/** A node as layout sees it: its id, top-left corner and (when drawn) its measured size. */
export type Box = { id: string; x: number; y: number; width?: number; height?: number };

const sizeOf = (box: Pick<Box, "width" | "height">) => ({
  width: box.width ?? NODE_SIZE.width,
  height: box.height ?? NODE_SIZE.height,
});

/**
 * Positions that lay the graph out left to right by dependency (dagre), top-left corners, each node
 * spaced by its real size. The gap between ranks leaves room for two mappings' label on an edge.
 */
export function layoutLeftToRight(
  nodes: Omit<Box, "x" | "y">[],
  links: Link[],
): Map<string, { x: number; y: number }> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: "LR", nodesep: 48, ranksep: 180 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) graph.setNode(node.id, sizeOf(node));
  for (const link of links) graph.setEdge(link.source, link.target);
  dagre.layout(graph);
  return new Map(
    nodes.map((node) => {
      const { x, y } = graph.node(node.id);
      const { width, height } = sizeOf(node);
      return [node.id, { x: Math.round(x - width / 2), y: Math.round(y - height / 2) }];
    }),
  );
}

const GAP = 24;

function overlaps(a: Box, b: Box): boolean {
  const [sa, sb] = [sizeOf(a), sizeOf(b)];
  return (
    a.x < b.x + sb.width + GAP &&
    b.x < a.x + sa.width + GAP &&
    a.y < b.y + sb.height + GAP &&
    b.y < a.y + sa.height + GAP
  );
}

/**
 * How far to move a group of new boxes (a pasted selection, or one added node) so that none of them
 * covers a node already there: nothing when they fit where they are, else the nearest free place
 * straight below, then to the right.
 */
export function freeSpotOffset(added: Box[], existing: Box[]): { x: number; y: number } {
  const step = Math.max(...added.map((box) => sizeOf(box).height)) + GAP;
  for (let column = 0; column < 20; column++) {
    for (let row = 0; row < 20; row++) {
      const offset = { x: column * (NODE_SIZE.width + GAP), y: row * step };
      const moved = added.map((box) => ({ ...box, x: box.x + offset.x, y: box.y + offset.y }));
      if (!moved.some((box) => existing.some((other) => overlaps(box, other)))) return offset;
    }
  }
  return { x: 0, y: 0 };
}
