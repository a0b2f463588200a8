import type { Metadata } from "next";
import Link from "next/link";
import { ExecutionView } from "@/components/executions/execution-view";
import { orNotFound } from "@/lib/api/or-not-found";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { getExecution, getExecutionGraph } from "@/lib/engine/read";
import { templatesForGraph } from "@/lib/templates/versions";

export const metadata: Metadata = { title: "Run" };

export default async function ExecutionPage({ params }: { params: Promise<{ executionId: string }> }) {
  const user = await requireUser();
  const { executionId } = await params;
  const [execution, graph] = await orNotFound(
    Promise.all([getExecution(db(), user, executionId), getExecutionGraph(db(), user, executionId)]),
  );
  const templates = await templatesForGraph(db(), user, graph.nodes);
  return (
    <>
      <p className="text-sm">
        <Link href="/executions" className="text-indigo-600 hover:underline">
          Executions
        </Link>
        {" · "}
        <Link
          href={`/compositions/${execution.composition.compositionId}`}
          className="text-indigo-600 hover:underline"
        >
          {execution.composition.name}
        </Link>
      </p>
      <h1 className="mb-3 text-2xl font-semibold tracking-tight">
        Run of {execution.composition.name}{" "}
        <span className="text-base font-normal text-slate-500">version {execution.version}</span>
      </h1>
      <ExecutionView initial={execution} graph={graph} globals={graph.globalParameters} {...templates} />
    </>
  );
}
