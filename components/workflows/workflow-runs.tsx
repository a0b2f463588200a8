"use client";
import { useState } from "react";
import { StatusBadge } from "@/components/canvas/run-status";
import { DateTime } from "@/components/date-time";
import { ResultChart } from "@/components/executions/result-chart";
import { ResultTable } from "@/components/executions/result-table";
import { formatDuration } from "@/components/executions/run-table";
import {
  useRunWorkflow,
  useWorkflowRuns,
  type WorkflowRun,
  workflowResultUrl,
} from "@/lib/queries/workflows";
import type { ChartConfig } from "@/lib/templates/types";

/** A workflow's runs, refreshed every second while one is live; Run again; a run's result. */
export function WorkflowRuns({
  workflowId,
  initial,
  chart,
}: {
  workflowId: string;
  initial: WorkflowRun[];
  /** The template's chart config, the Chart tab's starting point. */
  chart: ChartConfig | null;
}) {
  const [view, setView] = useState<"Table" | "Chart">("Table");
  const resultUrl = (runId: string) => workflowResultUrl(workflowId, runId);
  const { data: runs = initial } = useWorkflowRuns(workflowId, initial);
  const [open, setOpen] = useState<string | null>(initial[0]?.id ?? null);
  const run = useRunWorkflow();
  const runAndShow = () => run.mutate(workflowId, { onSuccess: (execution) => setOpen(execution.id) });
  const shown = runs.find((item) => item.id === open);
  return (
    <section aria-label="Runs" className="space-y-3">
      <div className="flex items-center justify-between">
        <h2 className="font-semibold">Runs</h2>
        <button
          type="button"
          onClick={runAndShow}
          disabled={run.isPending}
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
        >
          ▶ Run again
        </button>
      </div>
      {run.error && (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {run.error.message}
        </p>
      )}
      {runs.length === 0 ? (
        <p className="text-sm text-slate-600">No runs yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-xs">
          {runs.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                aria-pressed={item.id === open}
                onClick={() => setOpen(item.id)}
                title={item.error ?? undefined}
                className={`flex w-full items-center gap-4 px-4 py-2 text-left ${item.id === open ? "bg-indigo-50" : "hover:bg-slate-50"}`}
              >
                <StatusBadge status={item.status} />
                <DateTime iso={item.createdAt} />
                <span>{item.trigger}</span>
                <span className="tabular-nums text-slate-500">{formatDuration(item.durationMs)}</span>
                {item.error && <span className="truncate text-red-700">{item.error}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {shown?.status === "completed" && (
        <section aria-label="Result" className="rounded-lg border border-slate-200 bg-white p-3">
          <div role="tablist" className="mb-2 flex gap-1 text-xs">
            {(["Table", "Chart"] as const).map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                aria-selected={view === name}
                onClick={() => setView(name)}
                className={`rounded px-2 py-1 ${view === name ? "bg-indigo-50 font-medium text-indigo-700" : "text-slate-600 hover:bg-slate-100"}`}
              >
                {name}
              </button>
            ))}
          </div>
          {view === "Table" ? (
            <ResultTable
              key={shown.id}
              resultUrl={resultUrl(shown.id)}
              csvUrl={`${resultUrl(shown.id)}.csv`}
            />
          ) : (
            <ResultChart key={shown.id} resultUrl={resultUrl(shown.id)} config={chart} />
          )}
        </section>
      )}
    </section>
  );
}
