import type { Metadata } from "next";
import Link from "next/link";
import { NotificationsDialog } from "@/components/notifications/rules-dialog";
import { PageHeader } from "@/components/page-header";
import { ScheduleDialog } from "@/components/schedules/schedule-dialog";
import { WebhooksDialog } from "@/components/triggers/webhooks-dialog";
import { WorkflowActions } from "@/components/workflows/workflow-actions";
import { WorkflowRuns } from "@/components/workflows/workflow-runs";
import { orNotFound } from "@/lib/api/or-not-found";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { getTemplateOrThrow } from "@/lib/templates/service";
import { findWorkflowOrThrow, getWorkflow, listWorkflowRuns } from "@/lib/workflows/service";

export const metadata: Metadata = { title: "Workflow" };
export const dynamic = "force-dynamic";

export default async function WorkflowPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  await orNotFound(findWorkflowOrThrow(db(), user, id));
  const [workflow, runs] = await Promise.all([getWorkflow(db(), user, id), listWorkflowRuns(db(), user, id)]);
  const template = await getTemplateOrThrow(db(), user, workflow.templateId);
  return (
    <>
      <p className="text-sm">
        <Link href="/workflows" className="text-indigo-600 hover:underline">
          Workflows
        </Link>
      </p>
      <PageHeader
        title={workflow.name}
        description={`${workflow.template.name} (${workflow.templateId}) with saved parameters`}
      >
        <div className="flex flex-wrap items-start gap-2">
          <WorkflowActions workflow={workflow} template={template} />
          <ScheduleDialog
            target={{ workflowId: workflow.id }}
            globalParameters={null}
            disabledReason={null}
          />
          <WebhooksDialog target={{ workflowId: workflow.id }} example={workflow.parameters} />
          <NotificationsDialog target={{ workflowId: workflow.id }} />
        </div>
      </PageHeader>
      {Object.keys(workflow.parameters).length === 0 ? (
        <p className="mb-6 rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600">
          Template defaults only.
        </p>
      ) : (
        <dl className="mb-6 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm">
          {Object.entries(workflow.parameters).map(([name, value]) => (
            <div key={name} className="contents">
              <dt className="font-mono text-xs">{name}</dt>
              <dd className="font-mono text-xs">{JSON.stringify(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      <WorkflowRuns workflowId={workflow.id} initial={runs} chart={template.chartConfig} />
    </>
  );
}
