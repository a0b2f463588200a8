"use client";
import { Handle, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";
import { KindBadge } from "@/components/ui/kind-badge";
import { plural } from "@/lib/plural";
import { RunStatus } from "./run-status";
import type { TemplateFlowNode } from "./types";

/** One line saying how the node's parameters are fed: mapped, set here, or left to globals/defaults. */
function parameterSummary({ mapped, parameterOverrides, template }: TemplateFlowNode["data"]): string {
  const overridden = Object.keys(parameterOverrides).length;
  const total = template?.parameters.length ?? mapped + overridden;
  const rest = Math.max(0, total - mapped - overridden);
  const parts = [
    mapped && `${mapped} mapped`,
    overridden && `${overridden} set`,
    rest && `${rest} default/global`,
  ];
  return parts.filter(Boolean).join(" · ") || "no parameters";
}

// Handles sit level with the node's title, not half-way down: the node grows when a findings badge
// or a run status appears, and a handle that moved with it would slip from under the pointer.
const handleClass = "!top-6 !h-3 !w-3 !bg-slate-400";

function TemplateNodeView({ data, selected }: NodeProps<TemplateFlowNode>) {
  const { nodeId, templateId, template, label, findings, isConditional, run, newerVersion } = data;
  const templateName = template?.name ?? templateId;
  const border = selected
    ? "border-indigo-500 ring-2 ring-indigo-200"
    : findings.length
      ? "border-amber-400"
      : "border-slate-300";
  return (
    <div
      data-testid={`node-${nodeId}`}
      className={`w-64 rounded-lg border bg-white px-3 py-2 shadow-sm ${border}`}
    >
      <Handle type="target" position={Position.Left} className={handleClass} />
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="truncate text-sm font-semibold">{label || templateName}</p>
          <p className="truncate text-[11px] text-slate-500">
            {label && `${templateName} · `}
            <span className="font-mono">{nodeId}</span>
          </p>
        </div>
        {template && <KindBadge kind={template.kind} />}
      </div>
      <p className="node-detail mt-1 truncate text-xs text-slate-600">{parameterSummary(data)}</p>
      {(findings.length > 0 || isConditional || newerVersion !== null) && (
        <div className="mt-1 flex gap-1.5 text-[11px]">
          {isConditional && <span className="rounded bg-violet-50 px-1 text-violet-700">if …</span>}
          {newerVersion !== null && (
            <span
              className="rounded bg-sky-50 px-1 text-sky-800"
              title={`This node runs version ${data.templateVersion}: select it to upgrade.`}
            >
              v{newerVersion} available
            </span>
          )}
          {findings.length > 0 && (
            <span
              className="rounded bg-amber-100 px-1 font-medium text-amber-800"
              title={findings.map((f) => f.message).join("\n")}
            >
              ⚠ {plural(findings.length, "finding")}
            </span>
          )}
        </div>
      )}
      {run && (
        <div className="mt-1.5 border-t border-slate-100 pt-1.5">
          <RunStatus run={run} />
        </div>
      )}
      <Handle type="source" position={Position.Right} className={handleClass} />
    </div>
  );
}

/** Memoised: React Flow re-renders nodes often, and this one depends only on its data. */
export const TemplateNode = memo(TemplateNodeView);
