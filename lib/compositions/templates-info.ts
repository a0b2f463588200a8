import type { SessionUser } from "@/lib/auth/user";
import { usableDataSourceIds } from "@/lib/data-sources/service";
import type { DbOrTx } from "@/lib/db/client";
import { templatesReadableBy } from "@/lib/templates/service";
import { type TemplateKind, templateSpecsOf } from "@/lib/templates/types";
import type { CompositionDocument } from "./schema";
import { type TemplateInfo, versionKey } from "./validation/validate";

/**
 * The templates as validation needs them: by id, the current version of those a user may use
 * (another user's private template is unknown to them), each marked when its data source is not
 * theirs to use; for the system (null: seeding), every template. With a document, also the older
 * versions its nodes are pinned to.
 */
export async function loadTemplateInfo(
  db: DbOrTx,
  user: SessionUser | null,
  document?: Pick<CompositionDocument, "nodes">,
): Promise<Map<string, TemplateInfo>> {
  const pinned = (document?.nodes ?? []).filter((node) => node.templateVersion !== undefined);
  const [rows, olderVersions, usableSources] = await Promise.all([
    db.template.findMany({
      where: user ? templatesReadableBy(user) : {},
      select: {
        templateId: true,
        version: true,
        kind: true,
        definition: true,
        isActive: true,
        parameterSchema: true,
        outputSchema: true,
        dataSourceId: true,
      },
    }),
    pinned.length
      ? db.templateVersion.findMany({
          where: {
            OR: pinned.map((node) => ({ templateId: node.templateId, version: node.templateVersion })),
            template: user ? templatesReadableBy(user) : {},
          },
          select: {
            templateId: true,
            version: true,
            kind: true,
            definition: true,
            parameterSchema: true,
            outputSchema: true,
            dataSourceId: true,
          },
        })
      : [],
    user ? usableDataSourceIds(db, user) : null,
  ]);
  type VersionRow = (typeof olderVersions)[number];
  const infoOf = (row: VersionRow, isActive: boolean): TemplateInfo => ({
    templateId: row.templateId,
    version: row.version,
    kind: row.kind as TemplateKind,
    definition: row.definition as Record<string, unknown>,
    isActive,
    ...templateSpecsOf(row),
    sourceNotUsable: Boolean(row.dataSourceId && usableSources && !usableSources.has(row.dataSourceId)),
  });
  const templates = new Map(rows.map((row) => [row.templateId, infoOf(row, row.isActive)]));
  for (const row of olderVersions) {
    const current = templates.get(row.templateId);
    // Deactivating a template retires all its versions.
    if (current && current.version !== row.version)
      templates.set(versionKey(row.templateId, row.version), infoOf(row, current.isActive));
  }
  return templates;
}

/** The document with every node of a known template pinned: an unpinned node takes the current version. */
export function pinTemplateVersions<T extends Pick<CompositionDocument, "nodes">>(
  document: T,
  templates: ReadonlyMap<string, TemplateInfo>,
): T {
  return {
    ...document,
    nodes: document.nodes.map((node) =>
      node.templateVersion !== undefined
        ? node
        : { ...node, templateVersion: templates.get(node.templateId)?.version },
    ),
  };
}

/** Templates defined in code (the catalog, test templates) as validation needs them. */
export function templateInfoOf(
  templates: Pick<
    TemplateInfo,
    "templateId" | "kind" | "definition" | "parameters" | "outputs" | "version"
  >[],
): Map<string, TemplateInfo> {
  return new Map(templates.map((template) => [template.templateId, { ...template, isActive: true }]));
}
