"use client";
import { useState } from "react";
import { RunStatus } from "@/components/canvas/run-status";
import { DateTime } from "@/components/date-time";
import { compactJson } from "@/components/format-number";
import { TemplateDefinition } from "@/components/ui/template-definition";
import { type ExecutionView, nodeResultUrl, useLogs } from "@/lib/queries/executions";
import { isLiveNode } from "@/lib/statuses";
import type { TemplateResponse } from "@/lib/templates/schema";
import { ResultChart } from "./result-chart";
import { ResultTable } from "./result-table";

type NodeExecution = ExecutionView["nodes"][number];
const tabs = ["Result", "Chart", "Input", "Logs", "Error"] as const;

function Logs({ executionId, node }: { executionId: string; node: NodeExecution }) {
  const { data } = useLogs(executionId, node.nodeId, isLiveNode(node.status));
  if (!data) return <p className="text-sm text-slate-500">Loading logs…</p>;
  if (data.lines.length === 0) return <p className="text-sm text-slate-500">No log lines yet.</p>;
  return (
    <ol className="space-y-1 font-mono text-[11px]">
      {data.lines.map((line) => (
        <li
          key={line.id}
          className={line.level === "error" ? "text-red-700" : line.level === "warn" ? "text-amber-700" : ""}
        >
          <span className="text-slate-400">{line.createdAt.slice(11, 23)}</span> {line.message}
        </li>
      ))}
    </ol>
  );
}

/** One node of a run: its result, the inputs it resolved (and where from), its logs and error. */
export function NodePanel({
  executionId,
  node,
  template,
  label = "",
}: {
  executionId: string;
  node: NodeExecution | undefined;
  /** What the user calls the node; empty: its template's name. */
  label?: string;
  /** The node's template: its chart config is the Chart tab's starting point; its SQL is shown. */
  template: TemplateResponse | undefined;
}) {
  const [tab, setTab] = useState<(typeof tabs)[number]>("Result");
  if (!node) {
    return (
      <aside aria-label="Node" className="h-full border-l border-slate-200 p-3 text-sm text-slate-600">
        Choose a node to see its result, inputs and logs.
      </aside>
    );
  }
  const sources = (node.inputSources ?? {}) as Record<string, { source: string; from?: string }>;
  return (
    <aside aria-label="Node" className="flex h-full flex-col overflow-hidden border-l border-slate-200">
      <div className="border-b border-slate-200 p-3">
        <p className="text-sm font-semibold">{label || template?.name || node.nodeId}</p>
        <p className="font-mono text-[11px] text-slate-500">{node.nodeId}</p>
        <div className="mt-1">
          <RunStatus run={node} />
        </div>
        {template && <TemplateDefinition template={template} />}
      </div>
      <div role="tablist" className="flex gap-1 border-b border-slate-200 px-2 pt-2 text-xs">
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            onClick={() => setTab(name)}
            className={`rounded-t px-2 py-1 ${tab === name ? "bg-indigo-50 font-medium text-indigo-700" : "text-slate-600 hover:bg-slate-100"}`}
          >
            {name}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="flex-1 overflow-auto p-3">
        {tab === "Result" &&
          (node.status === "completed" ? (
            <ResultTable
              resultUrl={nodeResultUrl(executionId, node.nodeId)}
              csvUrl={`${nodeResultUrl(executionId, node.nodeId)}.csv`}
            />
          ) : (
            <p className="text-sm text-slate-600">No result: the node is {node.status}.</p>
          ))}
        {tab === "Chart" &&
          (node.status === "completed" ? (
            <ResultChart
              resultUrl={nodeResultUrl(executionId, node.nodeId)}
              config={template?.chartConfig ?? null}
            />
          ) : (
            <p className="text-sm text-slate-600">No result: the node is {node.status}.</p>
          ))}
        {tab === "Input" && (
          <table className="w-full text-left text-xs">
            <tbody>
              {Object.entries(node.input ?? {}).map(([name, value]) => (
                <tr key={name} className="border-b border-slate-100 align-top">
                  <td className="py-1 pr-2 font-mono">{name}</td>
                  <td className="max-w-40 truncate py-1 pr-2 font-mono" title={JSON.stringify(value)}>
                    {compactJson(value)}
                  </td>
                  <td className="py-1 text-slate-500">{sources[name]?.from ?? sources[name]?.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {tab === "Logs" && <Logs executionId={executionId} node={node} />}
        {tab === "Error" && (
          <div className="space-y-1 text-xs">
            {node.error ? (
              <p className="whitespace-pre-wrap text-red-700">{node.error}</p>
            ) : (
              <p className="text-slate-600">No error.</p>
            )}
            <p className="text-slate-600">
              {attemptText(node)}
              {node.startedAt && (
                <>
                  {" "}
                  · started <DateTime iso={node.startedAt} />
                </>
              )}
              {node.durationMs !== null && ` · ${node.durationMs} ms`}
            </p>
          </div>
        )}
      </div>
    </aside>
  );
}

/** How many attempts a node took, in words that fit its state. */
function attemptText(node: { status: string; attempt: number; maxRetries: number }): string {
  const allowed = node.maxRetries + 1;
  if (node.status === "completed") return `Completed on attempt ${node.attempt}`;
  if (node.status === "failed") return `Failed after ${node.attempt} of ${allowed} attempts`;
  if (node.attempt === 0) return `Not started (up to ${allowed} attempts)`;
  return `Attempt ${node.attempt} (up to ${allowed})`;
}
