import type { SessionUser } from "@/lib/auth/user";
import type { DbOrTx } from "@/lib/db/client";
import type { Prisma, Template } from "@/lib/generated/prisma/client";
import type { TemplateResponse } from "./schema";
import { listTemplates, templatesReadableBy, toTemplateResponse, withOwner } from "./service";

/** What a version keeps of a template: everything a run executes. */
export function versionFields(template: Template) {
  return {
    kind: template.kind,
    definition: template.definition as Prisma.InputJsonValue,
    parameterSchema: template.parameterSchema as Prisma.InputJsonValue,
    outputSchema: template.outputSchema as Prisma.InputJsonValue,
    chartConfig: (template.chartConfig ?? undefined) as Prisma.InputJsonValue | undefined,
    dataSourceId: template.dataSourceId,
  };
}

/** Keeps a template as it is now as an immutable version (its number is the template's `version`). */
export async function recordVersion(db: DbOrTx, template: Template, authorId: string | null): Promise<void> {
  await db.templateVersion.create({
    data: {
      templateId: template.templateId,
      version: template.version,
      ...versionFields(template),
      authorId,
    },
  });
}

/**
 * The older versions of templates that these nodes are pinned to, each as the template looked at
 * that version (for the editor and run views; a node of the current version needs none).
 */
export async function pinnedOlderVersions(
  db: DbOrTx,
  user: SessionUser,
  nodes: { templateId: string; templateVersion?: number }[],
): Promise<TemplateResponse[]> {
  const pairs = new Map(
    nodes
      .filter((node) => node.templateVersion !== undefined)
      .map((node) => [`${node.templateId}@${node.templateVersion}`, node]),
  );
  if (!pairs.size) return [];
  const rows = await db.templateVersion.findMany({
    where: {
      OR: [...pairs.values()].map(({ templateId, templateVersion }) => ({
        templateId,
        version: templateVersion,
      })),
      template: templatesReadableBy(user),
    },
    include: { template: { include: withOwner } },
  });
  return rows
    .filter((row) => row.version !== row.template.version)
    .map(
      ({ template, version, kind, definition, parameterSchema, outputSchema, chartConfig, dataSourceId }) =>
        toTemplateResponse(
          {
            ...template,
            version,
            kind,
            definition,
            parameterSchema,
            outputSchema,
            chartConfig,
            dataSourceId,
          },
          user,
        ),
    );
}

/** What a view of a composition's graph needs: every template (inactive too) and the older versions its nodes run. */
export async function templatesForGraph(
  db: DbOrTx,
  user: SessionUser,
  nodes: { templateId: string; templateVersion?: number }[],
) {
  const [templates, olderTemplates] = await Promise.all([
    listTemplates(db, user, { includeInactive: "true" }),
    pinnedOlderVersions(db, user, nodes),
  ]);
  return { templates, olderTemplates };
}
