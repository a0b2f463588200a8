import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { listRecentExecutions } from "@/lib/engine/read";

export const metadata: Metadata = { title: "Executions" };

const statusStyles: Record<string, string> = {
  completed: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
  cancelled: "bg-slate-200 text-slate-700",
  running: "bg-sky-100 text-sky-800",
  pending: "bg-amber-100 text-amber-800",
};

export default async function ExecutionsPage() {
  const user = await requireUser();
  const runs = await listRecentExecutions(db(), user);
  return (
    <>
      <PageHeader title="Executions" description="The latest runs of the compositions you can see." />
      {runs.length === 0 ? (
        <EmptyState>No runs yet.</EmptyState>
      ) : (
        <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-left text-sm">
          <thead className="bg-slate-50 text-xs text-slate-500">
            <tr>
              <th className="px-4 py-2 font-medium">Composition</th>
              <th className="px-4 py-2 font-medium">Status</th>
              <th className="px-4 py-2 font-medium">Nodes</th>
              <th className="px-4 py-2 font-medium">Trigger</th>
              <th className="px-4 py-2 font-medium">Started</th>
              <th className="px-4 py-2 font-medium">Duration</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} className="border-t border-slate-100" title={run.error ?? undefined}>
                <td className="px-4 py-2">
                  <Link
                    href={`/executions/${run.id}`}
                    className="font-medium hover:text-indigo-700 hover:underline"
                  >
                    {run.composition.name}
                  </Link>
                  <span className="ml-2 font-mono text-xs text-slate-500">
                    {run.composition.compositionId}
                  </span>
                </td>
                <td className="px-4 py-2">
                  <span
                    className={`rounded px-1.5 py-0.5 text-xs font-medium ${statusStyles[run.status] ?? ""}`}
                  >
                    {run.status}
                  </span>
                </td>
                <td className="px-4 py-2 tabular-nums">
                  {run.completedNodes} / {run.totalNodes}
                </td>
                <td className="px-4 py-2">{run.trigger}</td>
                <td className="px-4 py-2 tabular-nums">
                  <time dateTime={run.createdAt}>{run.createdAt.replace("T", " ").slice(0, 19)}</time>
                </td>
                <td className="px-4 py-2 tabular-nums">
                  {run.durationMs === null ? "—" : `${run.durationMs} ms`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
