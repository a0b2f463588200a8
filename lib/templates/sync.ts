import { isDeepStrictEqual } from "node:util";
import type { DbOrTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { templateCatalog } from "./catalog";
import type { ParsedTemplateDefinition } from "./types";

function toRow(template: ParsedTemplateDefinition) {
  return {
    name: template.name,
    description: template.description,
    category: template.category,
    kind: template.kind,
    parameterSchema: template.parameters as Prisma.InputJsonValue,
    outputSchema: template.outputs as Prisma.InputJsonValue,
    definition: template.definition as Prisma.InputJsonValue,
    chartConfig: (template.chartConfig ?? undefined) as Prisma.InputJsonValue | undefined,
    tags: template.tags,
    version: template.version,
    isActive: true,
  };
}

/**
 * Upserts the catalog defined in code. Unchanged templates are not written (so a second run changes
 * nothing, `updated_at` included); templates no longer in the catalog are deactivated, not deleted,
 * because saved compositions and past executions still reference them.
 */
export async function syncTemplateCatalog(
  db: DbOrTx,
  catalog: ParsedTemplateDefinition[] = templateCatalog,
): Promise<{ created: number; updated: number; deactivated: number }> {
  const existing = new Map((await db.template.findMany()).map((row) => [row.templateId, row]));
  let created = 0;
  let updated = 0;
  for (const template of catalog) {
    const row = toRow(template);
    const current = existing.get(template.templateId);
    if (!current) {
      await db.template.create({ data: { templateId: template.templateId, ...row } });
      created++;
      continue;
    }
    const same = (Object.keys(row) as (keyof typeof row)[]).every((key) =>
      isDeepStrictEqual(current[key] ?? undefined, row[key] ?? undefined),
    );
    if (!same) {
      await db.template.update({ where: { templateId: template.templateId }, data: row });
      updated++;
    }
  }
  const known = new Set(catalog.map((template) => template.templateId));
  const stale = [...existing.values()].filter((row) => row.isActive && !known.has(row.templateId));
  if (stale.length) {
    await db.template.updateMany({
      where: { templateId: { in: stale.map((row) => row.templateId) } },
      data: { isActive: false },
    });
  }
  return { created, updated, deactivated: stale.length };
}
