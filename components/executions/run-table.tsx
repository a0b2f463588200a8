import Link from "next/link";
import { StatusBadge } from "@/components/canvas/run-status";
import { DateTime } from "@/components/date-time";

/** A run of a composition (with node counts) or of a standalone workflow. */
export interface RunRow {
  id: string;
  status: string;
  trigger: string;
  createdAt: string;
  durationMs: number | null;
  error: string | null;
  /** A composition's run waiting for a slot under its concurrency limit. */
  waitingSince?: string | null;
  /** Who started it; null for a schedule's run. */
  startedBy?: string | null;
  totalNodes?: number;
  completedNodes?: number;
  failedNodes?: number;
  composition?: { compositionId: string; name: string };
  workflow?: { id: string; name: string };
}

export const formatDuration = (ms: number | null) =>
  ms === null
    ? "—"
    : ms < 1000
      ? `${ms} ms`
      : ms < 60_000
        ? `${(ms / 1000).toFixed(1)} s`
        : `${Math.round(ms / 1000)} s`;

/** Where a run is shown: a composition's run on its run page, a workflow's on the workflow's page. */
function subject(run: RunRow): { href: string; name: string; detail?: string } {
  if (run.workflow) return { href: `/workflows/${run.workflow.id}`, name: run.workflow.name };
  return {
    href: `/executions/${run.id}`,
    name: run.composition?.name ?? run.id.slice(0, 8),
    detail: run.composition?.compositionId,
  };
}

/** Runs as a table: what ran, status, nodes done (for compositions), trigger, who, start, duration. */
export function RunTable({ runs, label = "Runs" }: { runs: RunRow[]; label?: string }) {
  const withNodes = runs.some((run) => run.totalNodes !== undefined);
  return (
    // Narrow windows scroll the table, not the page.
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-label={label} className="w-full text-left text-sm">
        <thead className="whitespace-nowrap bg-slate-50 text-xs text-slate-500">
          <tr>
            <th className="px-4 py-2 font-medium">Run of</th>
            <th className="px-4 py-2 font-medium">Status</th>
            {withNodes && <th className="px-4 py-2 font-medium">Nodes</th>}
            <th className="px-4 py-2 font-medium">Trigger</th>
            <th className="px-4 py-2 font-medium">Started by</th>
            <th className="px-4 py-2 font-medium">Started</th>
            <th className="px-4 py-2 font-medium">Duration</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const { href, name, detail } = subject(run);
            return (
              <tr key={run.id} className="border-t border-slate-100 text-xs" title={run.error ?? undefined}>
                <td className="px-4 py-2">
                  <Link href={href} className="font-medium hover:text-indigo-700 hover:underline">
                    {name}
                  </Link>
                  {detail && <span className="ml-2 font-mono text-[11px] text-slate-500">{detail}</span>}
                </td>
                <td className="whitespace-nowrap px-4 py-2">
                  <StatusBadge status={run.waitingSince ? "waiting" : run.status} />
                </td>
                {withNodes && (
                  <td className="px-4 py-2 tabular-nums">
                    {run.completedNodes} / {run.totalNodes}
                    {Boolean(run.failedNodes) && (
                      <span className="text-red-700"> ({run.failedNodes} failed)</span>
                    )}
                  </td>
                )}
                <td className="px-4 py-2">{run.trigger}</td>
                <td className="px-4 py-2">
                  {run.startedBy ?? (
                    <span className="text-slate-400">{run.trigger === "schedule" ? "schedule" : "—"}</span>
                  )}
                </td>
                <td className="whitespace-nowrap px-4 py-2 tabular-nums">
                  <DateTime iso={run.createdAt} />
                </td>
                <td className="px-4 py-2 tabular-nums">{formatDuration(run.durationMs)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
