import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { TemplateEditor } from "@/components/templates/template-editor";
import { requireUser } from "@/lib/auth/session";
import { listDataSources } from "@/lib/data-sources/service";
import { db } from "@/lib/db/client";
import { templateDraft } from "@/lib/templates/draft";
import { getTemplateOrThrow } from "@/lib/templates/service";

export const metadata: Metadata = { title: "New template" };
export const dynamic = "force-dynamic";

// /templates/new[?from=<templateId>] — a new SQL template, blank or a copy of one you can read
export default async function NewTemplatePage({
  searchParams,
}: {
  searchParams: Promise<{ from?: string }>;
}) {
  const user = await requireUser();
  const { from } = await searchParams;
  const [dataSources, original] = await Promise.all([
    listDataSources(db(), user),
    from ? getTemplateOrThrow(db(), user, from).catch(() => null) : null,
  ]);
  const sample = dataSources.find((source) => source.builtIn) ?? dataSources[0];
  return (
    <>
      <PageHeader
        title={original ? `Duplicate ${original.name}` : "New SQL template"}
        description="A parameterised query on one of your data sources, for your compositions."
      />
      {sample ? (
        <TemplateEditor
          initial={templateDraft(original, { copy: true, defaultDataSourceId: sample.id })}
          dataSources={dataSources}
        />
      ) : (
        <EmptyState>No data source to query: add one on Data sources first.</EmptyState>
      )}
    </>
  );
}
