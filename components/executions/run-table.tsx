import Link from "next/link";
import { StatusBadge } from "@/components/canvas/run-status";

export interface RunRow {
  id: string;
  status: string;
  trigger: string;
  totalNodes: number;
  completedNodes: number;
  failedNodes: number;
  createdAt: string;
  durationMs: number | null;
  error: string | null;
  composition?: { compositionId: string; name: string };
}

export const formatDuration = (ms: number | null) =>
  ms === null
    ? "—"
    : ms < 1000
      ? `${ms} ms`
      : ms < 60_000
        ? `${(ms / 1000).toFixed(1)} s`
        : `${Math.round(ms / 1000)} s`;

/** Runs as a table: composition (when shown), status, nodes done, trigger, start, duration. */
export function RunTable({ runs, showComposition = true }: { runs: RunRow[]; showComposition?: boolean }) {
  return (
    <table
      aria-label="Runs"
      className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-left text-sm"
    >
      <thead className="bg-slate-50 text-xs text-slate-500">
        <tr>
          <th className="px-4 py-2 font-medium">{showComposition ? "Composition" : "Run"}</th>
          <th className="px-4 py-2 font-medium">Status</th>
          <th className="px-4 py-2 font-medium">Nodes</th>
          <th className="px-4 py-2 font-medium">Trigger</th>
          <th className="px-4 py-2 font-medium">Started</th>
          <th className="px-4 py-2 font-medium">Duration</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id} className="border-t border-slate-100 text-xs" title={run.error ?? undefined}>
            <td className="px-4 py-2">
              <Link
                href={`/executions/${run.id}`}
                className="font-medium hover:text-indigo-700 hover:underline"
              >
                {showComposition && run.composition ? run.composition.name : run.id.slice(0, 8)}
              </Link>
              {showComposition && run.composition && (
                <span className="ml-2 font-mono text-[11px] text-slate-500">
                  {run.composition.compositionId}
                </span>
              )}
            </td>
            <td className="px-4 py-2">
              <StatusBadge status={run.status} />
            </td>
            <td className="px-4 py-2 tabular-nums">
              {run.completedNodes} / {run.totalNodes}
              {run.failedNodes > 0 && <span className="text-red-700"> ({run.failedNodes} failed)</span>}
            </td>
            <td className="px-4 py-2">{run.trigger}</td>
            <td className="px-4 py-2 tabular-nums">
              <time dateTime={run.createdAt}>{run.createdAt.replace("T", " ").slice(0, 19)}</time>
            </td>
            <td className="px-4 py-2 tabular-nums">{formatDuration(run.durationMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
