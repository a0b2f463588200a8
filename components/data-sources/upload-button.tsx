"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ChangeEvent } from "react";
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
      <label className="cursor-pointer rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs hover:bg-slate-50">
        {upload.isPending ? "Uploading…" : "Upload file…"}
        <input
          type="file"
          accept=".csv,.tsv,.parquet,.json,.ndjson,.jsonl"
          className="sr-only"
          disabled={upload.isPending}
          onChange={(event: ChangeEvent<HTMLInputElement>) => {
            const file = event.target.files?.[0];
            event.target.value = "";
            if (file) upload.mutate(file);
          }}
        />
      </label>
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
