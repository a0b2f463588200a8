import type { DbOrTx } from "@/lib/db/client";
import { type TemplateKind, templateSpecsOf } from "@/lib/templates/types";
import type { TemplateInfo } from "./validation/validate";

/** The catalog as validation needs it, keyed by template id. */
export async function loadTemplateInfo(db: DbOrTx): Promise<Map<string, TemplateInfo>> {
  const rows = await db.template.findMany({
    select: { templateId: true, kind: true, isActive: true, parameterSchema: true, outputSchema: true },
  });
  return new Map(
    rows.map((row) => [
      row.templateId,
      {
        templateId: row.templateId,
        kind: row.kind as TemplateKind,
        isActive: row.isActive,
        ...templateSpecsOf(row),
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
