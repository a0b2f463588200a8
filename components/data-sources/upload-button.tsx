"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { FileButton } from "@/components/ui/file-button";
import { dataSourceKeys, uploadToDataSource } from "@/lib/queries/data-sources";

/** "Upload file…" on a DuckDB source: the file becomes a table named after it (replacing one of that name). */
export function UploadButton({ sourceId }: { sourceId: string }) {
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: (file: File) => uploadToDataSource(sourceId, file),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dataSourceKeys.schema(sourceId) }),
  });
  return (
    <>
      <FileButton
        label="Upload file…"
        busyLabel="Uploading…"
        busy={upload.isPending}
        accept=".csv,.tsv,.parquet,.json,.ndjson,.jsonl"
        onFile={(file) => upload.mutate(file)}
        size="sm"
      />
      {upload.data && (
        <span role="status" className="basis-full text-right text-xs text-emerald-800">
          ✓ Table {upload.data.table.name}: {upload.data.table.rows.toLocaleString()} rows,{" "}
          {upload.data.table.columns.length} columns.
        </span>
      )}
      {upload.error && (
        <span role="alert" className="basis-full text-right text-xs text-red-700">
          {upload.error.message}
        </span>
      )}
    </>
  );
}
