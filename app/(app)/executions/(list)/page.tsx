import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { HistoryFilters } from "@/components/executions/history-filters";
import { RunTable } from "@/components/executions/run-table";
import { PageHeader } from "@/components/page-header";
import { instantCursorSchema } from "@/lib/api/cursor";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { instant, listExecutions } from "@/lib/engine/read";
import { listExecutionsQuerySchema } from "@/lib/engine/schema";
import { listRecentWorkflowRuns } from "@/lib/workflows/service";

export const metadata: Metadata = { title: "Executions" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ExecutionsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  // Empty form fields come as "": they mean "any".
  const raw = Object.fromEntries(
    Object.entries(await searchParams).filter(([, value]) => typeof value === "string" && value !== ""),
  ) as Record<string, string>;
  const parsed = listExecutionsQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : listExecutionsQuerySchema.parse({});
  // The workflow runs below page on their own cursor.
  const workflowsAfter = instantCursorSchema.safeParse(raw.workflowsAfter).data;
  const [{ items, nextCursor }, workflowRuns] = await Promise.all([
    listExecutions(db(), user, query),
    listRecentWorkflowRuns(
      db(),
      user,
      {
        status: query.status,
        trigger: query.trigger,
        composition: query.composition,
        from: query.from ? instant(query.from, false) : undefined,
        to: query.to ? instant(query.to, true) : undefined,
      },
      { after: workflowsAfter },
    ),
  ]);
  const filtered = ["status", "trigger", "composition", "from", "to"].some((key) => raw[key]);
  const older = nextCursor && new URLSearchParams({ ...raw, cursor: nextCursor });
  const olderWorkflowRuns =
    workflowRuns.nextCursor && new URLSearchParams({ ...raw, workflowsAfter: workflowRuns.nextCursor });
  return (
    <>
      <PageHeader title="Executions" description="Runs of the compositions you can see, newest first." />
      <HistoryFilters values={raw} />
      {!parsed.success && (
        <p role="alert" className="mb-3 rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          Some filters were not understood (
          {parsed.error.issues.map((issue) => issue.path.join(".")).join(", ")}): showing every run.
        </p>
      )}
      {items.length === 0 ? (
        <EmptyState>{filtered ? "No run matches these filters." : "No runs yet."}</EmptyState>
      ) : (
        <RunTable runs={items} />
      )}
      <div className="mt-3 flex gap-4 text-sm">
        {raw.cursor && (
          <Link
            href={`/executions?${new URLSearchParams({ ...raw, cursor: "" })}`}
            className="text-indigo-600 hover:underline"
          >
            ← Newest
          </Link>
        )}
        {older && (
          <Link href={`/executions?${older}`} className="text-indigo-600 hover:underline">
            Older runs →
          </Link>
        )}
      </div>
      {(workflowRuns.items.length > 0 || workflowsAfter) && (
        <section aria-label="Standalone workflow runs" className="mt-8">
          <h2 className="mb-2 font-semibold">Standalone workflow runs</h2>
          <RunTable runs={workflowRuns.items} label="Workflow runs" />
          <div className="mt-3 flex gap-4 text-sm">
            {workflowsAfter && (
              <Link
                href={`/executions?${new URLSearchParams({ ...raw, workflowsAfter: "" })}`}
                className="text-indigo-600 hover:underline"
              >
                ← Newest workflow runs
              </Link>
            )}
            {olderWorkflowRuns && (
              <Link href={`/executions?${olderWorkflowRuns}`} className="text-indigo-600 hover:underline">
                Older workflow runs →
              </Link>
            )}
          </div>
        </section>
      )}
    </>
  );
}
