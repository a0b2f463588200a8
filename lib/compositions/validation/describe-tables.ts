import { DataSourceError } from "@/lib/data-sources/drivers/driver";
import { describeDuckDb } from "@/lib/data-sources/drivers/duckdb";
import { duckDbColumns } from "@/lib/data-sources/drivers/duckdb-types";
import { parameterNames } from "@/lib/data-sources/sql-parameters";
import type { OutputField } from "@/lib/value-types";
import { type CompositionDocument, type CompositionNode, nodeName } from "../schema";
import { yieldsRows } from "./aggregation";
import { type Finding, finding } from "./findings";
import { type TemplateInfo, templateOfNode, type ValidationResult, validateComposition } from "./validate";

type Input = { alias: string; columns: OutputField[] };

/** A node's SQL over its inputs' columns → its columns, or DuckDB's reason it does not run. */
type Described = { columns: OutputField[] } | { error: string };

/**
 * Describes are pure in their SQL and the input columns: the answer is kept (for the editor's
 * validation on every edit), bounded; it holds no data and nothing a permission change could alter.
 */
const cache = new Map<string, Promise<Described>>();
const CACHED = 1_000;

function describeCached(query: string, inputs: Input[]): Promise<Described> {
  const key = JSON.stringify([query, inputs]);
  const hit = cache.get(key);
  if (hit) return hit;
  const described = describeDuckDb(
    { tables: inputs.map(({ alias, columns }) => ({ alias, columns: duckDbColumns(columns) })) },
    query,
  ).then(
    ({ columns }): Described => ({ columns }),
    (error): Described => {
      cache.delete(key); // a process that died may answer next time
      if (error instanceof DataSourceError) return { error: error.message };
      throw error;
    },
  );
  if (cache.size >= CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, described);
  return described;
}

/**
 * Each "Query results" node's SQL, described (prepared, never run) in an in-memory DuckDB over empty
 * tables typed as its inputs' outputs: its own outputs, for what maps from it downstream, or a
 * finding in DuckDB's words — an unknown table or column, a type it refuses. Nodes are described
 * after the Query results nodes they read, so one can read another. A node whose inputs are not
 * known yet (an unknown template, a non-tabular source: reported by validation) is left out.
 */
export async function describeQueryNodes(
  document: CompositionDocument,
  templates: ReadonlyMap<string, TemplateInfo>,
): Promise<{ outputs: Map<string, OutputField[]>; findings: Finding[] }> {
  const nodes = new Map(document.nodes.map((node) => [node.nodeId, node]));
  const isQuery = (node: CompositionNode | undefined) =>
    node !== undefined && templateOfNode(templates, node)?.kind === "results_sql";
  const outputs = new Map<string, OutputField[]>();
  const findings: Finding[] = [];
  const visiting = new Set<string>();

  async function describeNode(node: CompositionNode): Promise<void> {
    if (outputs.has(node.nodeId) || visiting.has(node.nodeId)) return; // done, or a cycle (reported)
    visiting.add(node.nodeId);
    const query = node.parameterOverrides.query;
    const inputs: Input[] = [];
    for (const connection of document.connections) {
      if (connection.kind !== "table" || connection.targetNodeId !== node.nodeId) continue;
      const source = nodes.get(connection.sourceNodeId);
      if (!source) return;
      if (isQuery(source)) await describeNode(source);
      const template = templateOfNode(templates, source);
      const columns = isQuery(source)
        ? outputs.get(source.nodeId)
        : template && yieldsRows(template)
          ? template.outputs
          : undefined;
      if (!columns?.length) return;
      inputs.push({ alias: connection.alias!, columns });
    }
    if (typeof query !== "string" || !query.trim() || query.includes("{{") || !inputs.length) return;
    if (new Set(inputs.map((input) => input.alias)).size < inputs.length) return;
    const names = parameterNames(query);
    if (names.length) {
      findings.push(
        finding(
          "query_parameters_unsupported",
          `The SQL of "${nodeName(node)}" uses ${names.map((name) => `:${name}`).join(", ")}: a Query results node takes no parameters yet — write the values in the SQL.`,
          { nodeId: node.nodeId, param: "query" },
        ),
      );
      return;
    }
    const described = await describeCached(query, inputs);
    if ("error" in described) {
      findings.push(
        finding(
          "invalid_query",
          `The SQL of "${nodeName(node)}" does not run: ${described.error.replace(/\.$/, "")} (its tables: ${inputs.map(({ alias, columns }) => `${alias}(${columns.map((c) => c.name).join(", ")})`).join("; ")}).`,
          { nodeId: node.nodeId, param: "query" },
        ),
      );
      return;
    }
    outputs.set(node.nodeId, described.columns);
  }

  for (const node of document.nodes) if (isQuery(node)) await describeNode(node);
  return { outputs, findings };
}

export type CheckedDocument = ValidationResult & { outputs: Map<string, OutputField[]> };

/**
 * Validation of a document with its Query results nodes described: the server's whole check (save,
 * the editor's live validation, run start). `outputs` are those nodes' own columns.
 */
export async function validateWithTables(
  document: CompositionDocument,
  templates: ReadonlyMap<string, TemplateInfo>,
): Promise<CheckedDocument> {
  const described = await describeQueryNodes(document, templates);
  const result = validateComposition(document, templates, described.outputs);
  return { ...result, findings: [...result.findings, ...described.findings], outputs: described.outputs };
}
