import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import type { DbOrTx } from "@/lib/db/client";
import type { Template } from "@/lib/generated/prisma/client";
import { outputFieldSchema } from "@/lib/value-types";
import { chartConfigSchema, parameterSpecSchema, templateKindSchema } from "./types";

/** A template as the API returns it. */
export const templateResponseSchema = z.object({
  templateId: z.string(),
  name: z.string(),
  description: z.string(),
  category: z.string(),
  kind: templateKindSchema,
  parameters: z.array(parameterSpecSchema),
  outputs: z.array(outputFieldSchema),
  definition: z.record(z.string(), z.unknown()),
  chartConfig: chartConfigSchema.nullable(),
  tags: z.array(z.string()),
  version: z.number().int(),
  isActive: z.boolean(),
  usageCount: z.number().int(),
  successCount: z.number().int(),
  failureCount: z.number().int(),
});
export type TemplateResponse = z.infer<typeof templateResponseSchema>;

export const listTemplatesQuerySchema = z.object({
  kind: templateKindSchema.optional(),
  includeInactive: z.enum(["true", "false"]).optional(),
});

function toResponse(row: Template): TemplateResponse {
  return templateResponseSchema.parse({
    ...row,
    parameters: row.parameterSchema,
    outputs: row.outputSchema,
    chartConfig: row.chartConfig ?? null,
  });
}

/** The catalog, grouped by category then name; inactive templates only when asked for. */
export async function listTemplates(
  db: DbOrTx,
  query: z.infer<typeof listTemplatesQuerySchema> = {},
): Promise<TemplateResponse[]> {
  const rows = await db.template.findMany({
    where: { kind: query.kind, isActive: query.includeInactive === "true" ? undefined : true },
    orderBy: [{ category: "asc" }, { name: "asc" }],
  });
  return rows.map(toResponse);
}

export async function getTemplateOrThrow(db: DbOrTx, templateId: string): Promise<TemplateResponse> {
  const row = await db.template.findUnique({ where: { templateId } });
  if (!row) throw new AppError({ code: "not_found", message: `Template "${templateId}" does not exist.` });
  return toResponse(row);
}
