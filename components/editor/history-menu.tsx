"use client";
import { useState } from "react";
import { StatusBadge } from "@/components/canvas/run-status";
import { DateTime } from "@/components/date-time";
import { formatDuration } from "@/components/executions/run-table";
import { Menu, MenuLink } from "@/components/ui/menu";
import { useRecentRuns } from "@/lib/queries/executions";

/** The composition's latest runs, from the editor's toolbar; the full history is one link away. */
export function HistoryMenu({ id, compositionId }: { id: string; compositionId: string }) {
  const [open, setOpen] = useState(false);
  const runs = useRecentRuns(id, open);
  return (
    <Menu
      trigger="History"
      triggerClassName="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm hover:bg-slate-50"
      contentLabel="Run history"
      contentClassName="w-96 text-xs"
      onOpenChange={setOpen}
    >
      {runs.isPending && <p className="text-slate-500">Loading runs…</p>}
      {runs.error && (
        <p role="alert" className="text-red-700">
          {runs.error.message}
        </p>
      )}
      {runs.data?.items.length === 0 && <p className="text-slate-600">This composition has not run yet.</p>}
      <div className="space-y-1">
        {runs.data?.items.map((run) => (
          <MenuLink
            key={run.id}
            href={`/executions/${run.id}`}
            className="flex items-center justify-between gap-2 whitespace-nowrap rounded px-1 py-1"
          >
            <StatusBadge status={run.status} />
            <span className="tabular-nums text-slate-600">
              <DateTime iso={run.createdAt} />
            </span>
            <span className="tabular-nums text-slate-500">{formatDuration(run.durationMs)}</span>
            <span className="text-slate-500">{run.trigger}</span>
          </MenuLink>
        ))}
      </div>
      <MenuLink
        href={`/executions?composition=${encodeURIComponent(compositionId)}`}
        className="mt-2 block rounded px-1 py-1 text-indigo-600"
      >
        All runs of this composition →
      </MenuLink>
    </Menu>
  );
}
