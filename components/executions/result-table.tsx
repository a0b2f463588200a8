"use client";
import { useQueries, useQuery } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef } from "react";
import { resultPageQueryOptions } from "@/lib/queries/executions";
import { readableJson, tidyNumber } from "./numbers";

/** Rows fetched per server page; the table asks only for the pages under the visible rows. */
const PAGE = 200;
const ROW_HEIGHT = 26;

/** A cell's text; its title keeps the exact value. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(tidyNumber(value));
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

const exact = (value: unknown) => (typeof value === "object" ? JSON.stringify(value) : String(value ?? ""));

/**
 * A result as a virtualised table: only the rows on screen are in the page, and only the
 * server pages under them are fetched, so a 1,000,000-row result scrolls like a 100-row one.
 */
export function ResultTable({ resultUrl, csvUrl }: { resultUrl: string; csvUrl: string | null }) {
  const first = useQuery(resultPageQueryOptions(resultUrl, 0, PAGE));
  const csv = csvUrl;
  if (first.isPending) return <p className="text-sm text-slate-500">Loading the result…</p>;
  if (first.error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {first.error.message}
      </p>
    );
  const data = first.data;
  if (data.type === "json") {
    return (
      <>
        <pre className="max-h-96 overflow-auto rounded bg-slate-50 p-2 text-xs">
          {readableJson(data.value)}
        </pre>
        {csv && (
          <a href={csv} download className="mt-2 inline-block text-xs text-indigo-600 hover:underline">
            Download CSV
          </a>
        )}
      </>
    );
  }
  return (
    <>
      {data.truncated && (
        <p className="mb-2 rounded bg-amber-50 px-2 py-1 text-xs text-amber-800">
          The query returned more rows than the limit; only the first {data.rowCount.toLocaleString("en")}{" "}
          were kept.
        </p>
      )}
      <VirtualRows resultUrl={resultUrl} columns={data.columns} rowCount={data.rowCount} />
      <div className="mt-2 flex items-center justify-between text-xs">
        <span data-testid="row-count">{data.rowCount.toLocaleString("en")} rows</span>
        {csv && (
          <a href={csv} download className="text-indigo-600 hover:underline">
            Download CSV
          </a>
        )}
      </div>
    </>
  );
}

function VirtualRows({
  resultUrl,
  columns,
  rowCount,
}: {
  resultUrl: string;
  columns: { name: string; type: string }[];
  rowCount: number;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
  });
  const items = virtualizer.getVirtualItems();
  const pages = [...new Set(items.map((item) => Math.floor(item.index / PAGE)))];
  const loaded = useQueries({
    queries: pages.map((page) => resultPageQueryOptions(resultUrl, page * PAGE, PAGE)),
  });
  const rowAt = (index: number) => {
    const page = loaded[pages.indexOf(Math.floor(index / PAGE))]?.data;
    return page?.type === "table" ? page.rows[index % PAGE] : undefined;
  };
  const grid = { gridTemplateColumns: `4.5rem repeat(${columns.length}, minmax(7rem, 1fr))` };
  const top = items[0]?.index ?? 0;
  const bottom = items.at(-1)?.index ?? 0;

  return (
    <div>
      <div ref={scroller} className="h-96 overflow-auto rounded border border-slate-200 text-xs">
        {/* A real table laid out as a grid: rows are absolutely placed, so the cells cannot size themselves. */}
        <table aria-label="Result rows" aria-rowcount={rowCount + 1} className="grid">
          <thead className="sticky top-0 z-10 grid bg-white">
            <tr className="grid border-b border-slate-200 font-medium" style={grid}>
              <th className="px-2 py-1 text-right text-slate-400">#</th>
              {columns.map((column) => (
                <th key={column.name} className="truncate px-2 py-1 text-left">
                  {column.name} <span className="font-normal text-slate-400">{column.type}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="relative grid" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = rowAt(item.index);
              return (
                <tr
                  key={item.key}
                  aria-rowindex={item.index + 2}
                  className="absolute left-0 grid w-full border-b border-slate-100"
                  style={{ ...grid, height: item.size, transform: `translateY(${item.start}px)` }}
                >
                  <td className="px-2 py-1 text-right tabular-nums text-slate-400">{item.index + 1}</td>
                  {columns.map((column) => (
                    <td
                      key={column.name}
                      title={row ? exact(row[column.name]) : undefined}
                      className="truncate px-2 py-1 tabular-nums"
                    >
                      {row ? cellText(row[column.name]) : "…"}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="mt-1 text-[11px] text-slate-500" data-testid="visible-rows">
        {rowCount === 0
          ? "No rows."
          : `Rows ${(top + 1).toLocaleString("en")}–${(bottom + 1).toLocaleString("en")} of ${rowCount.toLocaleString("en")}`}
      </p>
    </div>
  );
}
