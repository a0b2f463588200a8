import type { DbOrTx } from "@/lib/db/client";
import type { Prisma, Template } from "@/lib/generated/prisma/client";

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
