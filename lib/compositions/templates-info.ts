import type { DbOrTx } from "@/lib/db/client";
import type { OutputField, ParameterSpec } from "@/lib/templates/types";
import type { TemplateInfo } from "./validation/validate";

/** The catalog as validation needs it, keyed by template id. */
export async function loadTemplateInfo(db: DbOrTx): Promise<Map<string, TemplateInfo>> {
  const rows = await db.template.findMany({
    select: { templateId: true, isActive: true, parameterSchema: true, outputSchema: true },
  });
  return new Map(
    rows.map((row) => [
      row.templateId,
      {
        templateId: row.templateId,
        isActive: row.isActive,
        parameters: row.parameterSchema as unknown as ParameterSpec[],
        outputs: row.outputSchema as unknown as OutputField[],
      },
    ]),
  );
}
