"use client";
import { useState } from "react";
import { FileButton } from "@/components/ui/file-button";
import { plural } from "@/lib/plural";
import type { UploadResult } from "@/lib/queries/data-sources";
import { UploadDialog } from "./upload-dialog";

/**
 * "Upload file…" on a DuckDB source: the chosen file is previewed in a dialog (table, types, first
 * rows, problems) and loaded from there; `onResult` hears what was loaded (null when another file
 * is chosen), for `UploadResultNote` to show.
 */
export function UploadButton({
  sourceId,
  onResult,
}: {
  sourceId: string;
  onResult: (result: UploadResult | null) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  return (
    <>
      <FileButton
        label="Upload file…"
        busyLabel="Uploading…"
        busy={file !== null}
        accept=".csv,.tsv,.parquet,.json,.ndjson,.jsonl"
        onFile={(chosen) => {
          onResult(null);
          setFile(chosen);
        }}
        size="sm"
      />
      {file && (
        <UploadDialog
          sourceId={sourceId}
          file={file}
          onClose={() => setFile(null)}
          onLoaded={(loaded) => {
            setFile(null);
            onResult(loaded);
          }}
        />
      )}
    </>
  );
}

/** What an upload loaded: the table's rows and columns, and each record skipped. */
export function UploadResultNote({ result: { table, skipped } }: { result: UploadResult }) {
  return (
    <div role="status" className="mt-2 text-xs text-emerald-800">
      ✓ Table {table.name}: {plural(table.rows, "row")}
      {table.loaded !== table.rows && ` (${plural(table.loaded, "row")} added)`},{" "}
      {plural(table.columns.length, "column")}.
      {skipped.records > 0 && (
        <details className="text-amber-800">
          <summary className="cursor-pointer">
            {plural(skipped.records, "record")} ({plural(skipped.lines, "line")}) could not be read and{" "}
            {skipped.records === 1 ? "was" : "were"} skipped
          </summary>
          <ul className="font-mono">
            {skipped.first.map((record) => (
              <li key={record.line}>
                Line {record.line}
                {record.lastLine > record.line && `–${record.lastLine}`}: {record.reason} — “
                {record.text.split("\n")[0]}”
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
