import Link from "next/link";
import { StatusBadge } from "@/components/canvas/run-status";
import { formatDuration } from "@/components/executions/run-table";

type Row = {
  id: string;
  status: string;
  trigger: string;
  createdAt: string;
  durationMs: number | null;
  error: string | null;
  workflow: { id: string; name: string };
};

/** Standalone workflows' runs in the history: each links to its workflow's page. */
export function WorkflowRunTable({ runs }: { runs: Row[] }) {
  return (
    <table
      aria-label="Workflow runs"
      className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-left text-xs"
    >
      <thead className="bg-slate-50 text-slate-500">
        <tr>
          <th className="px-4 py-2 font-medium">Workflow</th>
          <th className="px-4 py-2 font-medium">Status</th>
          <th className="px-4 py-2 font-medium">Trigger</th>
          <th className="px-4 py-2 font-medium">Started</th>
          <th className="px-4 py-2 font-medium">Duration</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id} className="border-t border-slate-100" title={run.error ?? undefined}>
            <td className="px-4 py-2">
              <Link href={`/workflows/${run.workflow.id}`} className="font-medium hover:underline">
                {run.workflow.name}
              </Link>
            </td>
            <td className="px-4 py-2">
              <StatusBadge status={run.status} />
            </td>
            <td className="px-4 py-2">{run.trigger}</td>
            <td className="px-4 py-2 tabular-nums">{run.createdAt.replace("T", " ").slice(0, 19)}</td>
            <td className="px-4 py-2 tabular-nums">{formatDuration(run.durationMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
