import { isDeepStrictEqual } from "node:util";
import type { DbOrTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { templateCatalog } from "./catalog";
import type { ParsedTemplateDefinition } from "./types";
import { recordVersion, versionFields } from "./versions";

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
    builtIn: true,
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
  const existing = new Map(
    (await db.template.findMany({ where: { builtIn: true } })).map((row) => [row.templateId, row]),
  );
  // The catalog's SQL templates query the sample warehouse (a data source made by a migration).
  const warehouse = await db.dataSource.findUnique({ where: { builtIn: "sample_warehouse" } });
  let created = 0;
  let updated = 0;
  for (const template of catalog) {
    const row = {
      ...toRow(template),
      dataSourceId: template.kind === "sql" ? (warehouse?.id ?? null) : null,
    };
    const current = existing.get(template.templateId);
    if (!current) {
      await recordVersion(
        db,
        await db.template.create({ data: { templateId: template.templateId, ...row } }),
        null,
      );
      created++;
      continue;
    }
    const same = (Object.keys(row) as (keyof typeof row)[]).every((key) =>
      isDeepStrictEqual(current[key] ?? undefined, row[key] ?? undefined),
    );
    if (!same) {
      const saved = await db.template.update({ where: { templateId: template.templateId }, data: row });
      // A catalog edit that kept its version number changes that version in place; a new number is a new version.
      if (saved.version !== current.version) await recordVersion(db, saved, null);
      else
        await db.templateVersion.updateMany({
          where: { templateId: saved.templateId, version: saved.version },
          data: versionFields(saved),
        });
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
