import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { listWorkflows } from "@/lib/workflows/service";

export const metadata: Metadata = { title: "Workflows" };
export const dynamic = "force-dynamic";

export default async function WorkflowsPage() {
  const user = await requireUser();
  const workflows = await listWorkflows(db(), user);
  return (
    <>
      <PageHeader
        title="Workflows"
        description="Single templates with saved parameters, run on their own or on a schedule."
      />
      {workflows.length === 0 ? (
        <EmptyState>
          No workflows yet. On{" "}
          <Link href="/templates" className="text-indigo-600 hover:underline">
            Templates
          </Link>
          , choose Run… on a template to make one.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {workflows.map((workflow) => (
            <li key={workflow.id} className="flex items-center justify-between px-5 py-3 text-sm">
              <Link href={`/workflows/${workflow.id}`} className="font-medium hover:underline">
                {workflow.name}
              </Link>
              <span className="font-mono text-xs text-slate-500">{workflow.templateId}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
