import type { SessionUser } from "@/lib/auth/session";
import { usableDataSourceIds } from "@/lib/data-sources/service";
import type { DbOrTx } from "@/lib/db/client";
import { templatesReadableBy } from "@/lib/templates/service";
import { type TemplateKind, templateSpecsOf } from "@/lib/templates/types";
import type { TemplateInfo } from "./validation/validate";

/**
 * The templates as validation needs them, keyed by id: for a user, those they may use (another
 * user's private template is unknown to them), each marked when its data source is not theirs to
 * use; for the system (null: seeding), every template.
 */
export async function loadTemplateInfo(
  db: DbOrTx,
  user: SessionUser | null,
): Promise<Map<string, TemplateInfo>> {
  const [rows, usableSources] = await Promise.all([
    db.template.findMany({
      where: user ? templatesReadableBy(user) : {},
      select: {
        templateId: true,
        kind: true,
        isActive: true,
        parameterSchema: true,
        outputSchema: true,
        dataSourceId: true,
      },
    }),
    user ? usableDataSourceIds(db, user) : null,
  ]);
  return new Map(
    rows.map((row) => [
      row.templateId,
      {
        templateId: row.templateId,
        kind: row.kind as TemplateKind,
        isActive: row.isActive,
        ...templateSpecsOf(row),
        sourceNotUsable: Boolean(row.dataSourceId && usableSources && !usableSources.has(row.dataSourceId)),
      },
    ]),
  );
}

/** Templates defined in code (the catalog, test templates) as validation needs them. */
export function templateInfoOf(
  templates: Pick<TemplateInfo, "templateId" | "kind" | "parameters" | "outputs">[],
): Map<string, TemplateInfo> {
  return new Map(templates.map((template) => [template.templateId, { ...template, isActive: true }]));
}
