"use client";
import { useState } from "react";
import { EmptyState } from "@/components/empty-state";
import { Button } from "@/components/ui/button";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { plural } from "@/lib/plural";
import {
  type DataSource,
  type UploadResult,
  useDataSourceChanges,
  useDataSources,
  useTestDataSource,
} from "@/lib/queries/data-sources";
import { DataSourceDialog } from "./data-source-dialog";
import { SchemaBrowser } from "./schema-browser";
import { UploadButton, UploadResultNote } from "./upload-button";

const where = ({ connection }: DataSource) =>
  connection.host ? `${connection.user}@${connection.host}:${connection.port}/${connection.database}` : null;

/** The data sources a user can use: where each points, a connection test, its tables, edit and delete. */
export function DataSourceList({ initial, isAdmin }: { initial: DataSource[]; isAdmin: boolean }) {
  const { data: sources = initial } = useDataSources(initial);
  const { remove } = useDataSourceChanges();
  if (sources.length === 0) return <EmptyState>No data sources yet: add one above.</EmptyState>;
  return (
    <>
      {remove.error && (
        <p role="alert" className="mb-3 rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {remove.error.message}
        </p>
      )}
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {sources.map((source) => (
          <SourceRow
            key={source.id}
            source={source}
            isAdmin={isAdmin}
            onDelete={() => remove.mutate(source.id)}
          />
        ))}
      </ul>
    </>
  );
}

function SourceRow({
  source,
  isAdmin,
  onDelete,
}: {
  source: DataSource;
  isAdmin: boolean;
  onDelete: () => void;
}) {
  const [showTables, setShowTables] = useState(false);
  const [uploaded, setUploaded] = useState<UploadResult | null>(null);
  const test = useTestDataSource(source.id);
  const badge = source.builtIn ? "Built in" : source.shared ? "Shared" : "Private";
  return (
    <li aria-label={source.name} className="px-5 py-3 text-sm">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <span className="font-medium">{source.name}</span>
        <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{badge}</span>
        <span className="text-xs text-slate-500">{source.kind === "duckdb" ? "DuckDB" : "PostgreSQL"}</span>
        {where(source) && <span className="font-mono text-xs text-slate-600">{where(source)}</span>}
        {source.owner && !source.builtIn && (
          <span className="text-xs text-slate-500">by {source.owner.name}</span>
        )}
        <span className="ml-auto flex flex-wrap items-center gap-1">
          <Button size="sm" disabled={test.isPending} onClick={() => test.mutate()}>
            {test.isPending ? "Connecting…" : "Test connection"}
          </Button>
          <Button size="sm" aria-expanded={showTables} onClick={() => setShowTables(!showTables)}>
            {showTables ? "Hide tables" : "Tables"}
          </Button>
          {source.canEdit && source.kind === "duckdb" && (
            <UploadButton sourceId={source.id} onResult={setUploaded} />
          )}
          {source.canEdit && <DataSourceDialog source={source} isAdmin={isAdmin} />}
          {source.canEdit &&
            (source.templateCount ? (
              // Said before anyone asks to delete it: the server would refuse (templates keep naming it).
              <span
                className="text-xs text-slate-500"
                title="Move those templates to another source to delete it"
              >
                In use by {plural(source.templateCount, "template")}
              </span>
            ) : (
              <ConfirmDelete name={source.name} onConfirm={onDelete} alsoGone="" />
            ))}
        </span>
      </div>
      {uploaded && <UploadResultNote result={uploaded} />}
      {test.data && (
        <p role="status" className="mt-2 text-xs text-emerald-800">
          ✓ Connected: {test.data.serverVersion}, {test.data.latencyMs} ms round trip.
        </p>
      )}
      {test.error && (
        <p role="alert" className="mt-2 text-xs text-red-700">
          {test.error.message}
        </p>
      )}
      {showTables && (
        <SchemaBrowser sourceId={source.id} canDrop={source.canEdit && source.kind === "duckdb"} />
      )}
    </li>
  );
}
