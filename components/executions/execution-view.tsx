"use client";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { FlowCanvas } from "@/components/canvas/flow-canvas";
import { globalSpecs } from "@/components/canvas/global-specs";
import { RunStatus } from "@/components/canvas/run-status";
import { templateLookup, templateOfNode } from "@/components/canvas/template-lookup";
import { toFlow } from "@/components/canvas/to-flow";
import type { Graph } from "@/components/canvas/types";
import { DateTime } from "@/components/date-time";
import { type ExecutionView as Execution, useExecution, useRunControls } from "@/lib/queries/executions";
import { isLiveRun } from "@/lib/statuses";
import type { TemplateResponse } from "@/lib/templates/schema";
import { NodePanel } from "./node-panel";
import { progressText } from "./progress";
import { RunDialog } from "./run-dialog";
import { RunParameters } from "./run-parameters";

function useElapsed(execution: Execution): string {
  const [now, setNow] = useState(() => Date.now());
  const live = isLiveRun(execution.status);
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [live]);
  if (!execution.startedAt) return "—";
  const ms = live ? now - Date.parse(execution.startedAt) : (execution.durationMs ?? 0);
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/**
 * A run on the canvas, updated every second while live: node states, progress, the parameters it ran
 * with, cancel, retry and "run again" with other parameters.
 */
export function ExecutionView(props: {
  initial: Execution;
  graph: Graph;
  /** The global parameters stored in the version the run ran. */
  globals: Record<string, unknown>;
  templates: TemplateResponse[];
  /** Older versions of templates the run's nodes were pinned to. */
  olderTemplates: TemplateResponse[];
}) {
  const router = useRouter();
  const { data } = useExecution(props.initial.id, props.initial);
  const execution = data ?? props.initial;
  const [selected, setSelected] = useState<string | null>(null);
  const elapsed = useElapsed(execution);

  const runs = useMemo(() => new Map(execution.nodes.map((node) => [node.nodeId, node])), [execution]);
  const lookup = useMemo(
    () => templateLookup(props.templates, props.olderTemplates),
    [props.templates, props.olderTemplates],
  );
  const { nodes, edges } = useMemo(() => toFlow(props.graph, lookup, [], runs), [props.graph, lookup, runs]);
  const templateOf = (nodeId: string | null) => {
    const node = props.graph.nodes.find((candidate) => candidate.nodeId === nodeId);
    return node && templateOfNode(lookup, node).template;
  };

  const { cancel, retry } = useRunControls(execution.id);
  const retryAndOpen = () =>
    retry.mutate(undefined, { onSuccess: ({ execution: next }) => router.push(`/executions/${next.id}`) });
  const failure = cancel.error ?? retry.error;
  // A run parameter is its global's value for that run; the others ran with their stored values.
  const ranWith = useMemo(
    () => ({ ...props.globals, ...execution.parameters }),
    [props.globals, execution.parameters],
  );
  const specs = useMemo(
    () =>
      globalSpecs(
        ranWith,
        props.graph.nodes.map((node) => node.templateId),
        props.templates,
      ),
    [ranWith, props.graph, props.templates],
  );

  return (
    <>
      <div className="mb-3 flex flex-wrap items-center gap-4">
        <RunStatus
          run={{
            status: execution.waitingSince ? "waiting" : execution.status,
            attempt: 1,
            durationMs: null,
          }}
        />
        {execution.waitingSince && (
          <span role="status" className="text-sm text-amber-800">
            Waiting for a slot since <DateTime iso={execution.waitingSince} />: the composition runs a limited
            number at a time, and this run starts when one of them finishes.
          </span>
        )}
        <span role="status" className="text-sm tabular-nums" aria-label="Progress">
          {progressText(
            execution.nodes.map((node) => node.status),
            isLiveRun(execution.status),
          )}
        </span>
        <span className="text-sm tabular-nums text-slate-600">{elapsed}</span>
        <span className="ml-auto flex items-start gap-2">
          {isLiveRun(execution.status) && (
            <button
              type="button"
              onClick={() => cancel.mutate()}
              disabled={cancel.isPending}
              className="rounded-md border border-red-300 px-3 py-1.5 text-sm text-red-700 hover:bg-red-50"
            >
              Cancel run
            </button>
          )}
          {(execution.status === "failed" || execution.status === "cancelled") && (
            <button
              type="button"
              onClick={retryAndOpen}
              disabled={retry.isPending}
              className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
            >
              Retry failed nodes
            </button>
          )}
          <RunDialog
            compositionId={execution.composition.id}
            globalParameters={ranWith}
            specs={specs}
            blockedReason={null}
            label="Run again with other parameters…"
          />
        </span>
      </div>
      <RunParameters values={ranWith} given={execution.parameters} />
      {execution.error && (
        <p className="mb-3 rounded bg-red-50 px-3 py-2 text-sm text-red-800">{execution.error}</p>
      )}
      {failure && (
        <p role="alert" className="mb-3 rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {failure.message}
        </p>
      )}
      <FlowCanvas
        nodes={nodes}
        edges={edges}
        onSelectNode={setSelected}
        panel={() => (
          <NodePanel
            key={selected ?? "none"}
            executionId={execution.id}
            node={selected ? runs.get(selected) : undefined}
            template={templateOf(selected)}
            label={props.graph.nodes.find((candidate) => candidate.nodeId === selected)?.label}
          />
        )}
      />
    </>
  );
}
