"use client";
import { useState } from "react";
import { DateTime } from "@/components/date-time";
import { Button } from "@/components/ui/button";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { SearchInput } from "@/components/ui/search-input";
import { plural } from "@/lib/plural";
import { useDropSourceTable, useRefreshSourceSchema, useSourceSchema } from "@/lib/queries/data-sources";

/**
 * A source's tables and their columns, filtered by name; read from the cache, refreshed on demand.
 * On a DuckDB source its user may write (`canDrop`), a table can be dropped.
 */
export function SchemaBrowser({ sourceId, canDrop = false }: { sourceId: string; canDrop?: boolean }) {
  const [filter, setFilter] = useState("");
  const schema = useSourceSchema(sourceId);
  const refresh = useRefreshSourceSchema(sourceId);
  const drop = useDropSourceTable(sourceId);
  const failure = schema.error ?? refresh.error ?? drop.error;
  const needle = filter.trim().toLowerCase();
  const tables = (schema.data?.tables ?? []).filter(
    (table) =>
      !needle ||
      `${table.schema}.${table.name}`.toLowerCase().includes(needle) ||
      table.columns.some((column) => column.name.toLowerCase().includes(needle)),
  );
  return (
    <section aria-label="Tables" className="mt-3 rounded-md border border-slate-200 bg-slate-50 p-3 text-xs">
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <SearchInput
          label="Filter tables and columns"
          value={filter}
          onValueChange={setFilter}
          placeholder="Filter tables and columns"
          className="w-64 bg-white"
        />
        <Button size="sm" disabled={refresh.isPending} onClick={() => refresh.mutate()}>
          {refresh.isPending ? "Reading…" : "Refresh"}
        </Button>
        {schema.data && (
          <span className="text-slate-500">
            {plural(schema.data.tables.length, "table")}, read <DateTime iso={schema.data.cachedAt} />
          </span>
        )}
      </div>
      {schema.isPending && <p className="text-slate-500">Reading the tables…</p>}
      {failure && (
        <p role="alert" className="text-red-700">
          {failure.message}
        </p>
      )}
      {schema.data && tables.length === 0 && (
        <p className="text-slate-600">
          {schema.data.tables.length
            ? `No table or column matches “${filter}”.`
            : "This user can read no tables."}
        </p>
      )}
      <ul className="max-h-80 max-w-2xl space-y-1 overflow-y-auto">
        {tables.map((table) => (
          <li key={`${table.schema}.${table.name}`} className="flex items-baseline gap-2">
            <details className="min-w-0 flex-1">
              <summary className="cursor-pointer font-mono">
                {table.schema}.<strong>{table.name}</strong>{" "}
                <span className="text-slate-500">({table.columns.length})</span>
              </summary>
              <ul className="ml-5 font-mono text-slate-700">
                {table.columns.map((column) => (
                  <li key={column.name}>
                    {column.name} <span className="text-slate-500">{column.type}</span>
                  </li>
                ))}
              </ul>
            </details>
            {canDrop && (
              <ConfirmDelete
                name={`table ${table.name}`}
                alsoGone=" and its rows (templates that read it will fail)"
                onConfirm={() => drop.mutate(table.name)}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
