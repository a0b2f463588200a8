import type { Metadata } from "next";
import { TemplateEditor } from "@/components/templates/template-editor";
import { requireUser } from "@/lib/auth/session";
import { listDataSources } from "@/lib/data-sources/service";
import { db } from "@/lib/db/client";
import { isAuthoredKind, templateDraft } from "@/lib/templates/draft";
import { getTemplateOrThrow } from "@/lib/templates/service";

export const metadata: Metadata = { title: "New template" };
export const dynamic = "force-dynamic";

// /templates/new[?from=<templateId>][?kind=sql|http|transform] — a new template, blank or a copy of one you can read
export default async function NewTemplatePage({
  searchParams,
}: {
  searchParams: Promise<{ from?: string; kind?: string }>;
}) {
  const user = await requireUser();
  const { from, kind } = await searchParams;
  const [dataSources, original] = await Promise.all([
    listDataSources(db(), user),
    from ? getTemplateOrThrow(db(), user, from).catch(() => null) : null,
  ]);
  const sample = dataSources.find((source) => source.builtIn) ?? dataSources[0];
  return (
    <TemplateEditor
      header={{
        title: original ? `Duplicate ${original.name}` : "New template",
        description:
          "A parameterised SQL query on one of your data sources, an HTTP request, or a JSONata transform, for your compositions.",
      }}
      initial={templateDraft(original, {
        copy: true,
        defaultDataSourceId: sample?.id ?? "",
        kind: kind && isAuthoredKind(kind) ? kind : "sql",
      })}
      dataSources={dataSources}
    />
  );
}
