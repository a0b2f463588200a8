import type { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { may, visibleTo } from "@/lib/auth/access";
import type { SessionUser } from "@/lib/auth/user";
import type { DbOrTx } from "@/lib/db/client";
import type { Prisma, Template } from "@/lib/generated/prisma/client";
import { hideHeaders } from "./header-secrets";
import { type listTemplatesQuerySchema, type TemplateResponse, templateResponseSchema } from "./schema";

export const withOwner = { owner: { select: { id: true, name: true } } } satisfies Prisma.TemplateInclude;
export type TemplateRow = Template & { owner: { id: string; name: string } | null };

/** Templates a user may see and use (lib/auth/access.ts: the catalog, public ones, their own; an admin, all). */
export const templatesReadableBy = (user: SessionUser) => visibleTo(user, "template");

export const canEditTemplate = (user: SessionUser, row: Template) => may(user, "change", "template", row);

export function toTemplateResponse(row: TemplateRow, user: SessionUser): TemplateResponse {
  return templateResponseSchema.parse({
    ...row,
    // Header values stay on the server (header-secrets.ts).
    definition: hideHeaders(row.definition as Record<string, unknown>),
    parameters: row.parameterSchema,
    outputs: row.outputSchema,
    chartConfig: row.chartConfig ?? null,
    canEdit: canEditTemplate(user, row),
  });
}

/** The templates the user may use, grouped by category then name; inactive ones only when asked for. */
export async function listTemplates(
  db: DbOrTx,
  user: SessionUser,
  query: z.infer<typeof listTemplatesQuerySchema> = {},
): Promise<TemplateResponse[]> {
  const rows = await db.template.findMany({
    where: {
      AND: [
        templatesReadableBy(user),
        { kind: query.kind, isActive: query.includeInactive === "true" ? undefined : true },
      ],
    },
    include: withOwner,
    orderBy: [{ category: "asc" }, { name: "asc" }],
  });
  return rows.map((row) => toTemplateResponse(row, user));
}

/** The template, or 404 — also for another user's private template, whose existence is not revealed. */
export async function findTemplateOrThrow(
  db: DbOrTx,
  user: SessionUser,
  templateId: string,
): Promise<TemplateRow> {
  const row = await db.template.findFirst({
    where: { AND: [{ templateId }, templatesReadableBy(user)] },
    include: withOwner,
  });
  if (!row) throw new AppError({ code: "not_found", message: `Template "${templateId}" does not exist.` });
  return row;
}

export async function getTemplateOrThrow(
  db: DbOrTx,
  user: SessionUser,
  templateId: string,
): Promise<TemplateResponse> {
  return toTemplateResponse(await findTemplateOrThrow(db, user, templateId), user);
}
