import type { ChartConfig } from "./types";

const NUMERIC = new Set(["number", "integer"]);

/**
 * The chart a table gets when nobody chose one: its first column along x, and as y the first
 * numeric column that is not x — a column plotted against itself is a diagonal line, not a chart.
 * Null when there is no numeric column to plot.
 */
export function defaultChart(
  columns: { name: string; type: string }[],
  type: ChartConfig["type"] = "bar",
  x = columns[0]?.name,
): ChartConfig | null {
  const numeric = columns.filter((column) => NUMERIC.has(column.type)).map((column) => column.name);
  const y = numeric.find((name) => name !== x) ?? numeric[0];
  return x && y ? { type, x, y: [y] } : null;
}
