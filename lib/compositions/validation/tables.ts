import type { TemplateKind } from "@/lib/templates/types";
import type { CompositionConnection, CompositionNode } from "../schema";
import { nodeName } from "../schema";
import { yieldsRows } from "./aggregation";
import { type Finding, finding } from "./findings";

/**
 * The rules of table connections and "Query results" nodes that need no database: a table goes
 * into a Query results node only, from a node that yields rows, always required, under an alias its
 * target reads once; a Query results node reads at least one table and has its SQL written in it.
 */
export function checkTables(
  connections: CompositionConnection[],
  nodes: Map<string, CompositionNode>,
  /** The template a node runs (undefined when unknown: reported elsewhere). */
  templateOf: (
    node: CompositionNode,
  ) => { kind: TemplateKind; definition?: Record<string, unknown> } | undefined,
  globals: Record<string, unknown>,
  findings: Finding[],
): void {
  const aliasesOf = new Map<string, Map<string, string>>();
  for (const connection of connections) {
    if (connection.kind !== "table") continue;
    const location = { connectionId: connection.connectionId, nodeId: connection.targetNodeId };
    const sourceNode = nodes.get(connection.sourceNodeId)!;
    const targetNode = nodes.get(connection.targetNodeId)!;
    const source = templateOf(sourceNode);
    const target = templateOf(targetNode);
    if (target && target.kind !== "results_sql")
      findings.push(
        finding(
          "table_into_non_query",
          `"${nodeName(targetNode)}" does not read tables: connect "${nodeName(sourceNode)}" to a "Query results" node, or map its fields instead.`,
          location,
        ),
      );
    if (source && !yieldsRows(source))
      findings.push(
        finding(
          "table_source_not_tabular",
          `"${nodeName(sourceNode)}" gives one JSON value, not rows: it cannot be read as a table (map its fields instead).`,
          location,
        ),
      );
    if (!connection.isRequired)
      findings.push(
        finding(
          "table_not_required",
          `Table ${connection.alias} is read by the query, so its node must complete: make the connection required.`,
          location,
        ),
      );
    const aliases = aliasesOf.get(connection.targetNodeId) ?? new Map<string, string>();
    aliasesOf.set(connection.targetNodeId, aliases);
    const taken = aliases.get(connection.alias!);
    if (taken)
      findings.push(
        finding(
          "duplicate_table_alias",
          `Two tables of "${nodeName(targetNode)}" are named ${connection.alias} (connections ${taken} and ${connection.connectionId}): rename one.`,
          location,
        ),
      );
    else aliases.set(connection.alias!, connection.connectionId);
  }
  for (const node of nodes.values()) {
    if (templateOf(node)?.kind !== "results_sql") continue;
    if (!aliasesOf.has(node.nodeId))
      findings.push(
        finding(
          "no_input_tables",
          `"${nodeName(node)}" reads no tables yet: connect the nodes whose results it queries.`,
          { nodeId: node.nodeId },
        ),
      );
    const query = node.parameterOverrides.query;
    const fedElsewhere =
      query === undefined &&
      ("query" in globals ||
        connections.some((c) => c.targetNodeId === node.nodeId && "query" in c.fieldMappings));
    if (fedElsewhere || (query !== undefined && (typeof query !== "string" || query.includes("{{"))))
      findings.push(
        finding(
          "query_not_written",
          `The SQL of "${nodeName(node)}" must be written in the node itself (not taken from a global or another node), so that it can be checked before it runs.`,
          { nodeId: node.nodeId, param: "query" },
        ),
      );
  }
}
