import type { NodeRun } from "./types";

const statuses: Record<string, { icon: string; className: string }> = {
  pending: { icon: "◌", className: "bg-slate-100 text-slate-600" },
  /** A run waiting for a slot under its composition's concurrency limit. */
  waiting: { icon: "◷", className: "bg-amber-100 text-amber-800" },
  queued: { icon: "⋯", className: "bg-amber-100 text-amber-800" },
  running: { icon: "▶", className: "bg-sky-100 text-sky-800 animate-pulse" },
  completed: { icon: "✓", className: "bg-emerald-100 text-emerald-800" },
  failed: { icon: "✕", className: "bg-red-100 text-red-800" },
  skipped: { icon: "↷", className: "bg-slate-200 text-slate-700" },
  cancelled: { icon: "⊘", className: "bg-slate-200 text-slate-700" },
};

/** A run's or node's status as icon and word (never colour alone). */
export function StatusBadge({ status }: { status: string }) {
  const style = statuses[status] ?? statuses.pending!;
  return (
    <span data-status={status} className={`rounded px-1.5 py-0.5 font-medium ${style.className}`}>
      <span aria-hidden>{style.icon}</span> {status}
    </span>
  );
}

/** A node's run state as icon and word, with attempt and duration. */
export function RunStatus({ run }: { run: NodeRun }) {
  return (
    <span className="flex items-center gap-1.5 text-[11px]">
      <StatusBadge status={run.status} />
      {run.attempt > 1 && <span className="text-slate-500">attempt {run.attempt}</span>}
      {run.durationMs !== null && <span className="tabular-nums text-slate-500">{run.durationMs} ms</span>}
    </span>
  );
}
