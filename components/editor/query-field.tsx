"use client";
import { SqlEditor } from "@/components/templates/sql-editor";
import { nodeName } from "@/lib/compositions/schema";
import { useEditor } from "./editor-context";

/**
 * The SQL of a "Query results" node, in DuckDB's dialect, completing the tables of its table
 * connections (by alias) and their columns; below, what the server found of it: DuckDB's reason it
 * does not run, or the columns it gives.
 */
export function QueryField({
  nodeId,
  value,
  onChange,
}: {
  nodeId: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const edges = useEditor((state) => state.edges);
  const nodes = useEditor((state) => state.nodes);
  const nodeOutputs = useEditor((state) => state.nodeOutputs);
  const invalid = useEditor((state) =>
    state.findings.find((finding) => finding.nodeId === nodeId && finding.code === "invalid_query"),
  );
  const tables = edges
    .filter((edge) => edge.target === nodeId && edge.data!.kind === "table" && edge.data!.alias)
    .map((edge) => {
      const source = nodes.find((node) => node.id === edge.source);
      const columns = nodeOutputs[edge.source] ?? source?.data.template?.outputs ?? [];
      return {
        schema: "main",
        name: edge.data!.alias!,
        from: source ? nodeName(source.data) : edge.source,
        columns: columns.map((column) => ({ name: column.name, type: column.type })),
      };
    });
  const columns = nodeOutputs[nodeId];
  return (
    <div className="min-w-0 space-y-1">
      <SqlEditor
        wrapLines
        value={value}
        onChange={onChange}
        schema={{ tables }}
        dialect="duckdb"
        error={invalid ? { message: invalid.message } : null}
      />
      <p className="text-[11px] text-slate-600">
        {tables.length
          ? `Tables: ${tables.map((table) => `${table.name} (${table.from})`).join(", ")}.`
          : "No tables yet: connect the nodes whose results this node queries."}
      </p>
      {columns && !invalid && (
        <p className="text-[11px] text-slate-600">
          Gives: {columns.map((column) => `${column.name} (${column.type})`).join(", ") || "no columns"}.
        </p>
      )}
    </div>
  );
}
