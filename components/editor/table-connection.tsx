"use client";
import type { MappingEdgeData } from "@/components/canvas/types";
import { inputClass } from "@/components/ui/fields";
import { TABLE_ALIAS_PATTERN } from "@/lib/compositions/schema";
import { tableAlias } from "@/lib/editor/graph";
import type { OutputField } from "@/lib/value-types";

/**
 * Into a "Query results" node, a connection hands over either the source's whole result as a
 * table (read in SQL by its alias) or fields mapped into parameters: the choice, and the alias.
 */
export function TableConnectionFields({
  data,
  sourceName,
  columns,
  takenAliases,
  onChange,
}: {
  data: MappingEdgeData;
  sourceName: string;
  /** The source's columns, as the query will see them. */
  columns: OutputField[];
  /** The aliases of the target's other tables. */
  takenAliases: Set<string>;
  onChange: (patch: Partial<MappingEdgeData>) => void;
}) {
  const asTable = () =>
    onChange({
      kind: "table",
      alias: tableAlias(sourceName, takenAliases),
      fieldMappings: {},
      transformationRules: {},
      isRequired: true,
    });
  const aliasError =
    data.kind === "table" && !TABLE_ALIAS_PATTERN.test(data.alias ?? "")
      ? "Lowercase letters, digits and _, not starting with a digit."
      : takenAliases.has(data.alias ?? "")
        ? "Another table of this node has this name."
        : null;
  return (
    <div className="space-y-2 text-xs">
      <fieldset
        aria-label="Connection kind"
        className="flex overflow-hidden rounded-md border border-slate-300"
      >
        {(
          [
            ["table", "Whole table", asTable],
            ["mapping", "Map fields", () => onChange({ kind: "mapping", alias: undefined })],
          ] as const
        ).map(([kind, label, choose]) => (
          <label
            key={kind}
            className={`flex-1 cursor-pointer px-2 py-1 text-center ${data.kind === kind ? "bg-teal-700 text-white" : "bg-white text-slate-700"}`}
          >
            <input
              type="radio"
              name="connection-kind"
              className="sr-only"
              checked={data.kind === kind}
              onChange={choose}
            />
            {label}
          </label>
        ))}
      </fieldset>
      {data.kind === "table" && (
        <>
          <label className="block">
            <span className="font-medium">Table name in the SQL</span>
            <input
              aria-label="Table alias"
              value={data.alias ?? ""}
              onChange={(event) => onChange({ alias: event.target.value })}
              className={`${inputClass} font-mono`}
              spellCheck={false}
            />
          </label>
          {aliasError && <p className="text-red-700">{aliasError}</p>}
          <p className="text-slate-600">
            {columns.length
              ? `Its columns: ${columns.map((column) => `${column.name} (${column.type})`).join(", ")}.`
              : `${sourceName} declares no columns yet.`}
          </p>
        </>
      )}
    </div>
  );
}
