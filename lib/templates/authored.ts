import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { assertMayChange } from "@/lib/auth/access";
import type { SessionUser } from "@/lib/auth/user";
import type { DataSourceDeps } from "@/lib/data-sources/service";
import { parameterNames } from "@/lib/data-sources/sql-parameters";
import type { Db, DbOrTx } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { identifierFrom } from "@/lib/identifier";
import type { OutputField } from "@/lib/value-types";
import { describeSqlTemplate } from "./authoring";
import {
  describeHttpTemplate,
  describeTransformTemplate,
  placeholderNames,
  previewHttpTemplate,
} from "./authoring-json";
import { hideHeaders, revealHeaders, sealHeaders } from "./header-secrets";
import type { saveTemplateBodySchema, templateVersionSchema, templateVersionSummarySchema } from "./schema";
import { findTemplateOrThrow, toTemplateResponse, withOwner } from "./service";
import { templateSpecsOf } from "./types";
import { recordVersion } from "./versions";

// Templates written in the app: saved with their source, every save an immutable new version.

type SaveTemplateBody = z.output<typeof saveTemplateBodySchema>;

/** Given parameters must be the definition's placeholders, all of them and no others. */
function assertParametersAre(
  parameters: { name: string }[],
  names: string[],
  written: (name: string) => string,
) {
  const given = parameters.map((spec) => spec.name);
  if (given.length !== names.length || names.some((name) => !given.includes(name))) {
    throw new AppError({
      code: "bad_request",
      message: `The parameters must be the template's: ${names.map(written).join(", ") || "none"}.`,
      issues: [{ path: ["parameters"], message: "do not match the placeholders of the definition" }],
    });
  }
}

/** Parameters and outputs as given, or as inferred from the definition (and, for SQL, its source). */
async function specsOf(db: DbOrTx, user: SessionUser, body: SaveTemplateBody, deps: DataSourceDeps) {
  switch (body.kind) {
    case "sql": {
      // Describing also proves the SQL is readable on the source, and that the user may use the source.
      const inferred = await describeSqlTemplate(db, user, body, deps);
      const parameters = body.parameters ?? inferred.parameters;
      assertParametersAre(parameters, parameterNames(body.definition.sql), (name) => `:${name}`);
      return { parameters, outputs: body.outputs ?? inferred.outputs };
    }
    case "http": {
      const inferred = describeHttpTemplate(body.definition);
      const parameters = body.parameters ?? inferred.parameters;
      assertParametersAre(parameters, placeholderNames(body.definition), (name) => `{{${name}}}`);
      if (body.outputs || !body.definition.rows)
        return { parameters, outputs: body.outputs ?? inferred.outputs };
      // The rows' fields are known from a call: one with the parameters' defaults.
      const defaults = Object.fromEntries(parameters.map((spec) => [spec.name, spec.default ?? ""]));
      const preview = await previewHttpTemplate(body.definition, defaults, deps.env);
      return { parameters, outputs: preview.columns as OutputField[] };
    }
    case "transform": {
      const inferred = await describeTransformTemplate(body.definition);
      return {
        parameters: body.parameters ?? inferred.parameters,
        outputs: body.outputs ?? inferred.outputs,
      };
    }
  }
}

/** A template id starts with a letter. */
const slug = (name: string) => identifierFrom(name, 40).replace(/^[^a-z]+/, "") || "template";

/** The body with an HTTP draft's hidden header values filled in from `stored` (the version being replaced). */
function revealed(
  body: SaveTemplateBody,
  stored: Record<string, unknown> | null,
  env: Env,
): SaveTemplateBody {
  return body.kind === "http" ? { ...body, definition: revealHeaders(body.definition, stored, env) } : body;
}

function rowOf(body: SaveTemplateBody, specs: Awaited<ReturnType<typeof specsOf>>, env: Env) {
  return {
    name: body.name,
    description: body.description,
    category: body.category,
    kind: body.kind,
    dataSourceId: body.kind === "sql" ? body.dataSourceId : null,
    // Header values are kept sealed (header-secrets.ts).
    definition: (body.kind === "http"
      ? sealHeaders(body.definition, env)
      : body.definition) as Prisma.InputJsonValue,
    parameterSchema: specs.parameters as Prisma.InputJsonValue,
    outputSchema: specs.outputs as Prisma.InputJsonValue,
    chartConfig: (body.chartConfig ?? undefined) as Prisma.InputJsonValue | undefined,
    isPublic: body.isPublic,
  };
}

export async function createTemplate(
  db: Db,
  user: SessionUser,
  body: SaveTemplateBody,
  deps: DataSourceDeps,
) {
  const draft = revealed(body, null, deps.env);
  const specs = await specsOf(db, user, draft, deps);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.template.create({
      data: {
        ...rowOf(draft, specs, deps.env),
        templateId: `${slug(body.name)}_${randomBytes(3).toString("hex")}`,
        ownerId: user.id,
        version: 1,
      },
      include: withOwner,
    });
    await recordVersion(tx, created, user.id);
    return created;
  });
  return toTemplateResponse(row, user);
}

async function findEditableOrThrow(db: DbOrTx, user: SessionUser, templateId: string) {
  const row = await findTemplateOrThrow(db, user, templateId);
  assertMayChange(user, "template", row, "duplicate it to edit a copy");
  return row;
}

/** A save: the next version, kept as it is; runs of earlier snapshots keep running their version. */
export async function updateTemplate(
  db: Db,
  user: SessionUser,
  templateId: string,
  body: SaveTemplateBody,
  deps: DataSourceDeps,
) {
  const current = await findEditableOrThrow(db, user, templateId);
  const draft = revealed(body, current.definition as Record<string, unknown>, deps.env);
  const specs = await specsOf(db, user, draft, deps);
  const row = await db.$transaction(async (tx) => {
    const saved = await tx.template.update({
      where: { templateId: current.templateId, version: current.version },
      data: { ...rowOf(draft, specs, deps.env), version: { increment: 1 }, isActive: true },
      include: withOwner,
    });
    await recordVersion(tx, saved, user.id);
    return saved;
  });
  return toTemplateResponse(row, user);
}

/** Deactivates: compositions that use it get the inactive_template finding; its versions stay for past runs. */
export async function deactivateTemplate(db: DbOrTx, user: SessionUser, templateId: string) {
  const row = await findEditableOrThrow(db, user, templateId);
  await db.template.update({ where: { templateId: row.templateId }, data: { isActive: false } });
}

export async function listTemplateVersions(
  db: DbOrTx,
  user: SessionUser,
  templateId: string,
): Promise<z.output<typeof templateVersionSummarySchema>[]> {
  const template = await findTemplateOrThrow(db, user, templateId);
  const rows = await db.templateVersion.findMany({
    where: { templateId: template.templateId },
    include: { author: { select: { id: true, name: true } } },
    orderBy: { version: "desc" },
  });
  return rows.map((row) => ({
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    author: row.author,
  }));
}

export async function getTemplateVersion(
  db: DbOrTx,
  user: SessionUser,
  templateId: string,
  version: number,
): Promise<z.output<typeof templateVersionSchema>> {
  const template = await findTemplateOrThrow(db, user, templateId);
  const row = await db.templateVersion.findUnique({
    where: { templateId_version: { templateId: template.templateId, version } },
    include: { author: { select: { id: true, name: true } } },
  });
  if (!row)
    throw new AppError({ code: "not_found", message: `Template "${templateId}" has no version ${version}.` });
  return {
    templateId: row.templateId,
    version: row.version,
    kind: row.kind,
    definition: hideHeaders(row.definition as Record<string, unknown>),
    ...templateSpecsOf(row),
    dataSourceId: row.dataSourceId,
    author: row.author,
    createdAt: row.createdAt.toISOString(),
  };
}
