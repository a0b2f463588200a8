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

function NodeCounts({ run }: { run: RunRow }) {
  return (
    <>
      {run.completedNodes} / {run.totalNodes}
      {Boolean(run.failedNodes) && <span className="text-red-700"> ({run.failedNodes} failed)</span>}
    </>
  );
}

function StartedBy({ run }: { run: RunRow }) {
  return (
    run.startedBy ?? <span className="text-slate-400">{run.trigger === "schedule" ? "schedule" : "—"}</span>
  );
}

/**
 * Runs as a table: what ran, status, nodes done (for compositions), trigger, who, start, duration.
 * `compact` (a dashboard panel, half a page wide) folds them into three columns that fit: what ran
 * with its trigger and who, status with its nodes, start with its duration (the composition's id,
 * on its run page, is left out).
 */
export function RunTable({
  runs,
  label = "Runs",
  compact = false,
}: {
  runs: RunRow[];
  label?: string;
  compact?: boolean;
}) {
  const withNodes = runs.some((run) => run.totalNodes !== undefined);
  const head = compact
    ? ["Run of", "Status", "Started"]
    : ["Run of", "Status", ...(withNodes ? ["Nodes"] : []), "Trigger", "Started by", "Started", "Duration"];
  return (
    // Narrow windows scroll the table, not the page.
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-label={label} className="w-full text-left text-sm">
        <thead className="whitespace-nowrap bg-slate-50 text-xs text-slate-500">
          <tr>
            {head.map((name) => (
              <th key={name} className={`${compact ? "px-3" : "px-4"} py-2 font-medium`}>
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const { href, name, detail } = subject(run);
            const cell = compact ? "px-3 py-2" : "px-4 py-2";
            return (
              <tr key={run.id} className="border-t border-slate-100 text-xs" title={run.error ?? undefined}>
                <td className={cell}>
                  <Link href={href} className="font-medium hover:text-indigo-700 hover:underline">
                    {name}
                  </Link>
                  {compact ? (
                    <span className="block text-[11px] text-slate-500">
                      {run.trigger}
                      {run.startedBy && ` · ${run.startedBy}`}
                    </span>
                  ) : (
                    detail && <span className="ml-2 font-mono text-[11px] text-slate-500">{detail}</span>
                  )}
                </td>
                <td className={`whitespace-nowrap ${cell}`}>
                  <StatusBadge status={run.waitingSince ? "waiting" : run.status} />
                  {compact && withNodes && (
                    <span className="block text-[11px] tabular-nums text-slate-600">
                      <NodeCounts run={run} /> nodes
                    </span>
                  )}
                </td>
                {!compact && withNodes && (
                  <td className={`${cell} tabular-nums`}>
                    <NodeCounts run={run} />
                  </td>
                )}
                {!compact && <td className={cell}>{run.trigger}</td>}
                {!compact && (
                  <td className={cell}>
                    <StartedBy run={run} />
                  </td>
                )}
                <td className={`whitespace-nowrap ${cell} tabular-nums`}>
                  <DateTime iso={run.createdAt} />
                  {compact && (
                    <span className="block text-[11px] text-slate-500">{formatDuration(run.durationMs)}</span>
                  )}
                </td>
                {!compact && <td className={`${cell} tabular-nums`}>{formatDuration(run.durationMs)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
