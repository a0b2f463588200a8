"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { FileButton } from "@/components/ui/file-button";
import { dataSourceKeys, type UploadMode, uploadToDataSource } from "@/lib/queries/data-sources";
import { ApiError } from "@/lib/queries/fetch-client";

/** The table an upload would have replaced, when the server asks what to do with it (409). */
function existingTable(error: Error | null): string | null {
  if (!(error instanceof ApiError) || error.code !== "conflict") return null;
  return (error.body as { error?: { table?: string } })?.error?.table ?? null;
}

/**
 * "Upload file…" on a DuckDB source: the file becomes a table named after it. When a table of that
 * name exists, nothing is loaded until the user says whether to replace it or append to it.
 */
export function UploadButton({ sourceId }: { sourceId: string }) {
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: ({ file, mode }: { file: File; mode?: UploadMode }) =>
      uploadToDataSource(sourceId, file, mode),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dataSourceKeys.schema(sourceId) }),
  });
  const taken = existingTable(upload.error);
  const file = upload.variables?.file;
  return (
    <>
      <FileButton
        label="Upload file…"
        busyLabel="Uploading…"
        busy={upload.isPending}
        accept=".csv,.tsv,.parquet,.json,.ndjson,.jsonl"
        onFile={(chosen) => upload.mutate({ file: chosen })}
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
      {taken && file && (
        <span className="flex basis-full justify-end gap-2">
          <Button size="sm" variant="danger" onClick={() => upload.mutate({ file, mode: "replace" })}>
            Replace {taken}
          </Button>
          <Button size="sm" onClick={() => upload.mutate({ file, mode: "append" })}>
            Append to {taken}
          </Button>
          <Button size="sm" variant="quiet" onClick={() => upload.reset()}>
            Cancel
          </Button>
        </span>
      )}
    </>
  );
}
