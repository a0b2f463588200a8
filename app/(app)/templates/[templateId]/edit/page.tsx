import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { editingHeader } from "@/components/templates/editing-header";
import { TemplateEditor } from "@/components/templates/template-editor";
import { orNotFound } from "@/lib/api/or-not-found";
import { requireUser } from "@/lib/auth/session";
import { listDataSources } from "@/lib/data-sources/service";
import { db } from "@/lib/db/client";
import { isAuthoredKind, templateDraft } from "@/lib/templates/draft";
import { getTemplateOrThrow } from "@/lib/templates/service";

export const metadata: Metadata = { title: "Edit template" };
export const dynamic = "force-dynamic";

// /templates/:templateId/edit — your template; each save is a new version
export default async function EditTemplatePage({ params }: { params: Promise<{ templateId: string }> }) {
  const user = await requireUser();
  const { templateId } = await params;
  const template = await orNotFound(getTemplateOrThrow(db(), user, templateId));
  if (!template.canEdit || !isAuthoredKind(template.kind)) notFound();
  const dataSources = await listDataSources(db(), user);
  return (
    <TemplateEditor
      header={editingHeader(template)}
      initial={templateDraft(template, { copy: false, defaultDataSourceId: template.dataSourceId ?? "" })}
      dataSources={dataSources}
    />
  );
}
