"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, useState } from "react";
import { cellText, readableJson } from "@/components/format-number";
import { plural } from "@/lib/plural";
import { type ResultOrder, useResultPage, useResultPages } from "@/lib/queries/executions";

/** Rows fetched per server page; the table asks only for the pages under the visible rows. */
const PAGE = 200;
const ROW_HEIGHT = 26;

const exact = (value: unknown) => (typeof value === "object" ? JSON.stringify(value) : String(value ?? ""));

/**
 * A result as a virtualised table: only the rows on screen are in the page, and only the
 * server pages under them are fetched, so a 1,000,000-row result scrolls like a 100-row one.
 */
export function ResultTable({ resultUrl, csvUrl }: { resultUrl: string; csvUrl: string | null }) {
  const first = useResultPage(resultUrl, 0, PAGE);
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
        {csv && <CsvLinks csv={csv} className="mt-2 text-xs" />}
      </>
    );
  }
  return (
    <>
      {data.truncated && (
        <p className="mb-2 rounded bg-amber-50 px-2 py-1 text-xs text-amber-800">
          The query returned more rows than the row or size limit (SQL_MAX_ROWS, RESULT_MAX_BYTES); only the
          first {data.rowCount.toLocaleString("en")} were kept.
        </p>
      )}
      <VirtualRows resultUrl={resultUrl} columns={data.columns} rowCount={data.rowCount} sample={data.rows} />
      <div className="mt-2 flex items-center justify-between text-xs">
        <span data-testid="row-count">{plural(data.rowCount, "row")}</span>
        {csv && <CsvLinks csv={csv} />}
      </div>
    </>
  );
}

/** The header's next order for a column: ascending, then descending, then as stored. */
function nextOrder(current: ResultOrder, column: string): ResultOrder {
  if (current?.sort !== column) return { sort: column, order: "asc" };
  return current.order === "asc" ? { sort: column, order: "desc" } : null;
}

const numeric = (type: string) => type === "number" || type === "integer";

/**
 * The rows, virtualised. Clicking a column's name sorts all the rows by it on the server (then the
 * other way, then back as stored); each column starts as wide as its content needs and can be
 * dragged wider or narrower by its header's corner.
 */
function VirtualRows({
  resultUrl,
  columns,
  rowCount,
  sample,
}: {
  resultUrl: string;
  columns: { name: string; type: string }[];
  rowCount: number;
  /** The first rows: what the columns' starting widths are measured on. */
  sample: Record<string, unknown>[];
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [order, setOrder] = useState<ResultOrder>(null);
  const [widths, setWidths] = useState<Record<string, string>>({});
  const widthOf = (column: { name: string; type: string }) =>
    widths[column.name] ?? `${contentWidth(column, sample)}ch`;
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
  });
  const items = virtualizer.getVirtualItems();
  const pages = [...new Set(items.map((item) => Math.floor(item.index / PAGE)))];
  const loaded = useResultPages(
    resultUrl,
    pages.map((page) => page * PAGE),
    PAGE,
    order,
  );
  const rowAt = (index: number) => {
    const page = loaded[pages.indexOf(Math.floor(index / PAGE))]?.data;
    return page?.type === "table" ? page.rows[index % PAGE] : undefined;
  };
  // Every row is its own grid (rows are absolutely placed), so the tracks are fixed widths.
  const grid = { gridTemplateColumns: `4.5rem ${columns.map(widthOf).join(" ")}` };
  const top = items[0]?.index ?? 0;
  const bottom = items.at(-1)?.index ?? 0;
  // Columns past the right edge of the panel: said under the table, so none goes unseen.
  const [hiddenRight, setHiddenRight] = useState(0);
  const measure = () => {
    const element = scroller.current;
    if (!element) return;
    const edge = element.scrollLeft + element.clientWidth;
    const headers = [...element.querySelectorAll<HTMLElement>("thead th")];
    setHiddenRight(headers.filter((header) => header.offsetLeft + 24 > edge).length);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: measured again when the columns change width
  useEffect(() => {
    measure();
    const observer = new ResizeObserver(measure);
    if (scroller.current) observer.observe(scroller.current);
    return () => observer.disconnect();
  }, [widths, columns]);

  return (
    <div>
      <div
        ref={scroller}
        onScroll={measure}
        className="h-96 overflow-auto rounded border border-slate-200 text-xs"
      >
        {/* A real table laid out as a grid: rows are absolutely placed, so the cells cannot size themselves. */}
        <table aria-label="Result rows" aria-rowcount={rowCount + 1} className="grid">
          <thead className="sticky top-0 z-10 grid bg-white">
            <tr className="grid border-b border-slate-200 font-medium" style={grid}>
              <th className="px-2 py-1 text-right text-slate-400">#</th>
              {columns.map((column) => {
                const sorted = order?.sort === column.name ? order.order : null;
                return (
                  <th
                    key={column.name}
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
                    className={`px-2 py-1 ${numeric(column.type) ? "text-right" : "text-left"}`}
                  >
                    <div className="relative">
                      <button
                        type="button"
                        onClick={() => setOrder(nextOrder(order, column.name))}
                        title={`Sort all ${rowCount.toLocaleString()} rows by ${column.name}`}
                        className="whitespace-nowrap hover:text-indigo-700"
                      >
                        {column.name} <span className="font-normal text-slate-500">{column.type}</span>
                        <span aria-hidden className="ml-1 text-indigo-700">
                          {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : ""}
                        </span>
                      </button>
                      <ColumnResizer
                        name={column.name}
                        onResize={(width) =>
                          setWidths((current) => ({ ...current, [column.name]: `${width}px` }))
                        }
                      />
                    </div>
                  </th>
                );
              })}
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
                      className={`truncate px-2 py-1 tabular-nums ${numeric(column.type) ? "text-right" : ""}`}
                    >
                      {row ? cellText(row[column.name], column.type, column.name) : "…"}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="mt-1 flex justify-between gap-2 text-[11px] text-slate-500">
        <p data-testid="visible-rows">
          {rowCount === 0
            ? "No rows."
            : `Rows ${(top + 1).toLocaleString("en")}–${(bottom + 1).toLocaleString("en")} of ${rowCount.toLocaleString("en")}`}
        </p>
        {hiddenRight > 0 && (
          <button
            type="button"
            onClick={() => scroller.current?.scrollBy({ left: scroller.current.clientWidth * 0.8 })}
            className="font-medium text-indigo-700 hover:underline"
          >
            {hiddenRight === 1 ? "1 more column" : `${hiddenRight} more columns`} →
          </button>
        )}
      </div>
    </div>
  );
}

/** A column's starting width in characters: its header, or its widest sampled cell, within 6–40. */
function contentWidth(column: { name: string; type: string }, sample: Record<string, unknown>[]): number {
  const header = column.name.length + column.type.length + 3;
  const cells = sample.map((row) => cellText(row[column.name], column.type, column.name).length);
  return Math.min(40, Math.max(6, header, ...cells)) + 2;
}

/**
 * The right edge of a header: drag it (or focus it and press ← →) to make the column narrower or
 * wider, at least 48 px.
 */
function ColumnResizer({ name, onResize }: { name: string; onResize: (width: number) => void }) {
  const widthOf = (element: HTMLElement) => element.closest("th")!.getBoundingClientRect().width;
  return (
    <button
      type="button"
      aria-label={`Resize ${name}`}
      title="Drag to resize"
      onKeyDown={(event) => {
        const step = event.key === "ArrowRight" ? 16 : event.key === "ArrowLeft" ? -16 : 0;
        if (!step) return;
        event.preventDefault();
        onResize(Math.max(48, widthOf(event.currentTarget) + step));
      }}
      onPointerDown={(event) => {
        const start = { x: event.clientX, width: widthOf(event.currentTarget) };
        const move = (moved: PointerEvent) => onResize(Math.max(48, start.width + moved.clientX - start.x));
        const up = () => {
          window.removeEventListener("pointermove", move);
          window.removeEventListener("pointerup", up);
        };
        window.addEventListener("pointermove", move);
        window.addEventListener("pointerup", up);
        event.preventDefault();
      }}
      className="absolute -right-2 top-0 h-full w-2 cursor-col-resize hover:bg-indigo-200"
    />
  );
}

/** The plain CSV, and the same with a byte order mark so that Excel reads it as UTF-8. */
function CsvLinks({ csv, className = "" }: { csv: string; className?: string }) {
  return (
    <span className={`flex gap-3 ${className}`}>
      <a href={csv} download className="text-indigo-600 hover:underline">
        Download CSV
      </a>
      <a
        href={`${csv}?bom=1`}
        download
        title="UTF-8 with a byte order mark, which Excel needs to show accents and symbols"
        className="text-indigo-600 hover:underline"
      >
        CSV for Excel
      </a>
    </span>
  );
}
