"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useRef, useState } from "react";
import { StatusBadge } from "@/components/canvas/run-status";
import { DateTime } from "@/components/date-time";
import { formatDuration, type RunRow } from "@/components/executions/run-table";
import { useDismiss } from "@/components/use-dismiss";
import { apiFetch } from "@/lib/queries/fetch-client";

/** The composition's latest runs, from the editor's toolbar; the full history is one link away. */
export function HistoryMenu({ id, compositionId }: { id: string; compositionId: string }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(root, close, open);
  const runs = useQuery({
    queryKey: ["executions", "of", id],
    queryFn: () => apiFetch<{ items: RunRow[] }>(`/api/compositions/${id}/executions?limit=10`),
    enabled: open,
  });
  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm hover:bg-slate-50"
      >
        History
      </button>
      {open && (
        <section
          aria-label="Run history"
          className="absolute right-0 z-20 mt-1 w-96 rounded-lg border border-slate-200 bg-white p-3 text-xs shadow-lg"
        >
          {runs.isPending && <p className="text-slate-500">Loading runs…</p>}
          {runs.error && (
            <p role="alert" className="text-red-700">
              {runs.error.message}
            </p>
          )}
          {runs.data?.items.length === 0 && (
            <p className="text-slate-600">This composition has not run yet.</p>
          )}
          <ul className="space-y-1">
            {runs.data?.items.map((run) => (
              <li key={run.id}>
                <Link
                  href={`/executions/${run.id}`}
                  className="flex items-center justify-between gap-2 rounded px-1 py-1 hover:bg-slate-50"
                >
                  <StatusBadge status={run.status} />
                  <span className="tabular-nums text-slate-600">
                    <DateTime iso={run.createdAt} />
                  </span>
                  <span className="tabular-nums text-slate-500">{formatDuration(run.durationMs)}</span>
                  <span className="text-slate-500">{run.trigger}</span>
                </Link>
              </li>
            ))}
          </ul>
          <Link
            href={`/executions?composition=${encodeURIComponent(compositionId)}`}
            className="mt-2 block text-indigo-600 hover:underline"
          >
            All runs of this composition →
          </Link>
        </section>
      )}
    </div>
  );
}
