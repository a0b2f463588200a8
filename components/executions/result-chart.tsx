"use client";
import { useState } from "react";
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { cellText } from "@/components/format-number";
import { useResultPage } from "@/lib/queries/executions";
import { defaultChart } from "@/lib/templates/default-chart";
import type { ChartConfig } from "@/lib/templates/types";

/** Rows a chart draws: more would be unreadable and slow; the table shows them all. */
const CHART_ROWS = 1000;
const COLOURS = ["#4f46e5", "#0891b2", "#d97706", "#16a34a", "#db2777", "#7c3aed", "#64748b"];
const NUMERIC = new Set(["number", "integer"]);
const chartTypes = ["bar", "line", "area", "pie"] as const;

/**
 * A node's table result as a chart: the template's chart config to start with, then the user's
 * choice of chart type, x field and y fields.
 */
export function ResultChart({ resultUrl, config }: { resultUrl: string; config: ChartConfig | null }) {
  const { data, isPending, error } = useResultPage(resultUrl, 0, CHART_ROWS);
  const [choice, setChoice] = useState<ChartConfig | null>(null);
  if (isPending) return <p className="text-sm text-slate-500">Loading the result…</p>;
  if (error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {error.message}
      </p>
    );
  if (data.type !== "table")
    return <p className="text-sm text-slate-600">Charts need a table result; this one is JSON.</p>;
  const numeric = data.columns.filter((column) => NUMERIC.has(column.type)).map((column) => column.name);
  if (numeric.length === 0)
    return <p className="text-sm text-slate-600">This result has no numeric column to chart.</p>;
  const chart = choice ?? config ?? defaultChart(data.columns)!;
  const y = chart.y.filter((name) => numeric.includes(name));
  const set = (patch: Partial<ChartConfig>) => setChoice({ ...chart, ...patch });

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <label>
          Chart{" "}
          <select
            value={chart.type}
            onChange={(event) => set({ type: event.target.value as ChartConfig["type"] })}
            className="rounded border border-slate-300 px-1 py-0.5"
          >
            {chartTypes.map((type) => (
              <option key={type}>{type}</option>
            ))}
          </select>
        </label>
        <label>
          {chart.type === "pie" ? "Label" : "X"}{" "}
          <select
            value={chart.x}
            onChange={(event) => set({ x: event.target.value })}
            className="rounded border border-slate-300 px-1 py-0.5"
          >
            {data.columns.map((column) => (
              <option key={column.name}>{column.name}</option>
            ))}
          </select>
        </label>
        <fieldset className="flex flex-wrap gap-2">
          <legend className="sr-only">Y fields</legend>
          {numeric.map((name) => (
            <label key={name} className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={y.includes(name)}
                onChange={(event) =>
                  set({ y: event.target.checked ? [...y, name] : y.filter((other) => other !== name) })
                }
              />
              {name}
            </label>
          ))}
        </fieldset>
      </div>
      {data.rowCount > CHART_ROWS && (
        <p className="text-[11px] text-slate-500">
          The first {CHART_ROWS.toLocaleString("en")} of {data.rowCount.toLocaleString("en")} rows.
        </p>
      )}
      <figure aria-label={`${chart.type} chart of ${y.join(", ")} by ${chart.x}`} className="h-72">
        {y.length === 0 ? (
          <p className="text-sm text-slate-600">Choose at least one field to plot.</p>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            {draw(chart.type, chart.x, y, data.rows, data.columns)}
          </ResponsiveContainer>
        )}
      </figure>
    </div>
  );
}

function draw(
  type: ChartConfig["type"],
  x: string,
  y: string[],
  rows: Record<string, unknown>[],
  columns: { name: string; type: string }[],
) {
  // The table's formatter, so a tooltip says 93 where the table does (not 92.99999999999999).
  const typeOf = (name: string) => columns.find((column) => column.name === name)?.type ?? "string";
  const format = (value: unknown, name: unknown) => cellText(value, typeOf(String(name)), String(name));
  const tooltip = (
    <Tooltip
      key="tooltip"
      formatter={(value, name) => format(value, name)}
      labelFormatter={(label) => format(label, x)}
      allowEscapeViewBox={{ x: false, y: false }}
    />
  );
  const axes = [
    <CartesianGrid key="grid" strokeDasharray="3 3" />,
    <XAxis key="x" dataKey={x} tick={{ fontSize: 10 }} tickFormatter={(value) => format(value, x)} />,
    <YAxis key="y" tick={{ fontSize: 10 }} tickFormatter={(value) => format(value, y[0])} />,
    tooltip,
    <Legend key="legend" />,
  ];
  switch (type) {
    case "pie":
      return (
        <PieChart>
          {tooltip}
          <Pie data={rows} dataKey={y[0]!} nameKey={x} outerRadius="80%" isAnimationActive={false}>
            {rows.map((_, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: slices of one pie have no identity but their order
              <Cell key={index} fill={COLOURS[index % COLOURS.length]} />
            ))}
          </Pie>
        </PieChart>
      );
    case "line":
      return (
        <LineChart data={rows}>
          {axes}
          {y.map((name, i) => (
            <Line
              key={name}
              dataKey={name}
              stroke={COLOURS[i % COLOURS.length]}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      );
    case "area":
      return (
        <AreaChart data={rows}>
          {axes}
          {y.map((name, i) => (
            <Area
              key={name}
              dataKey={name}
              stroke={COLOURS[i % COLOURS.length]}
              fill={COLOURS[i % COLOURS.length]}
              fillOpacity={0.2}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      );
    default:
      return (
        <BarChart data={rows}>
          {axes}
          {y.map((name, i) => (
            <Bar key={name} dataKey={name} fill={COLOURS[i % COLOURS.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      );
  }
}
