"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { resultPageQueryOptions } from "@/lib/queries/executions";

const PAGE = 50;

const cell = (value: unknown) =>
  value === null || value === undefined
    ? ""
    : typeof value === "object"
      ? JSON.stringify(value)
      : String(value);

/** A node's result one server page at a time, with column types, row count and truncation. */
export function ResultTable({ executionId, nodeId }: { executionId: string; nodeId: string }) {
  const [offset, setOffset] = useState(0);
  const { data, isPending, error } = useQuery(resultPageQueryOptions(executionId, nodeId, offset, PAGE));
  const csv = `/api/executions/${executionId}/nodes/${encodeURIComponent(nodeId)}/result.csv`;
  if (isPending) return <p className="text-sm text-slate-500">Loading the result…</p>;
  if (error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {error.message}
      </p>
    );
  if (data.type === "json") {
    return (
      <>
        <pre className="max-h-96 overflow-auto rounded bg-slate-50 p-2 text-xs">
          {JSON.stringify(data.value, null, 2)}
        </pre>
        <a href={csv} download className="mt-2 inline-block text-xs text-indigo-600 hover:underline">
          Download CSV
        </a>
      </>
    );
  }
  const last = Math.min(offset + data.rows.length, data.rowCount);
  return (
    <>
      {data.truncated && (
        <p className="mb-2 rounded bg-amber-50 px-2 py-1 text-xs text-amber-800">
          The query returned more rows than the limit; only the first {data.rowCount} were kept.
        </p>
      )}
      <div className="max-h-96 overflow-auto">
        <table className="w-full text-left text-xs">
          <thead className="sticky top-0 bg-white">
            <tr>
              {data.columns.map((column) => (
                <th key={column.name} className="border-b border-slate-200 px-2 py-1 font-medium">
                  {column.name} <span className="font-normal text-slate-400">{column.type}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: result rows have no identity but their position
              <tr key={offset + index} className="border-b border-slate-100">
                {data.columns.map((column) => (
                  <td key={column.name} className="px-2 py-1 tabular-nums">
                    {cell(row[column.name])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-2 flex items-center justify-between text-xs">
        <span>
          Rows {data.rowCount === 0 ? 0 : offset + 1}–{last} of {data.rowCount}
        </span>
        <span className="flex gap-2">
          <button
            type="button"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
            className="rounded border px-2 py-0.5 disabled:opacity-40"
          >
            Previous
          </button>
          <button
            type="button"
            disabled={last >= data.rowCount}
            onClick={() => setOffset(offset + PAGE)}
            className="rounded border px-2 py-0.5 disabled:opacity-40"
          >
            Next
          </button>
          <a href={csv} download className="text-indigo-600 hover:underline">
            Download CSV
          </a>
        </span>
      </div>
    </>
  );
}
