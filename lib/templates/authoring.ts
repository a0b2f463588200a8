import type { z } from "zod";
import type { SessionUser } from "@/lib/auth/user";
import { type DataSourceDeps, describeOnDataSource, queryDataSource } from "@/lib/data-sources/service";
import { parameterNames, toPositional } from "@/lib/data-sources/sql-parameters";
import type { DbOrTx } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import {
  describeHttpTemplate,
  describeTransformTemplate,
  PREVIEW_ROWS,
  previewHttpTemplate,
  previewTransformTemplate,
} from "./authoring-json";
import { revealHeaders } from "./header-secrets";
import type {
  describeTemplateBodySchema,
  httpDraftSchema,
  previewTemplateBodySchema,
  sqlDraftSchema,
  templateDescriptionSchema,
  templatePreviewSchema,
} from "./schema";
import { canEditTemplate, findTemplateOrThrow } from "./service";
import type { ParameterSpec } from "./types";

// Writing a template in the app: what its parameters and outputs are, and its first rows.

export { PREVIEW_ROWS };

/**
 * Whether trying a draft may change something somewhere: an HTTP draft's test call with a method
 * other than GET does. An API token that may only read cannot make one (read changes nothing).
 */
export const draftCallWrites = (draft: { kind: string; definition: unknown }) =>
  draft.kind === "http" && (draft.definition as { method?: string }).method !== "GET";
type TemplateDraftBody = z.output<typeof describeTemplateBodySchema>;

type TemplateDescription = z.output<typeof templateDescriptionSchema>;

/**
 * The `:name` parameters of the SQL with the types the database infers for them, and its output
 * columns with theirs — from describing the statement, not running it.
 */
export async function describeSqlTemplate(
  db: DbOrTx,
  user: SessionUser,
  body: z.output<typeof sqlDraftSchema>,
  deps: DataSourceDeps,
): Promise<TemplateDescription> {
  const { sql } = body.definition;
  const names = parameterNames(sql);
  const described = await describeOnDataSource(db, user, body.dataSourceId, toPositional(sql, {}).text, deps);
  const parameters: ParameterSpec[] = names.map((name, index) => ({
    name,
    type: described.parameterTypes[index] ?? "string",
    required: true,
    description: "",
  }));
  return { parameters, outputs: described.columns };
}

/** The first PREVIEW_ROWS rows of the SQL with the given values, and how long the query took. */
export async function previewSqlTemplate(
  db: DbOrTx,
  user: SessionUser,
  body: z.output<typeof sqlDraftSchema> & { values: Record<string, unknown> },
  deps: DataSourceDeps,
): Promise<z.output<typeof templatePreviewSchema>> {
  const started = performance.now();
  const result = await queryDataSource(
    db,
    user,
    body.dataSourceId,
    toPositional(body.definition.sql, body.values),
    {
      timeoutMs: deps.env.SQL_STATEMENT_TIMEOUT_MS,
      maxRows: PREVIEW_ROWS,
      maxBytes: deps.env.RESULT_MAX_BYTES,
    },
    deps,
  );
  return { ...result, rowCount: result.rows.length, durationMs: Math.round(performance.now() - started) };
}

/**
 * An HTTP draft's definition with its hidden header values filled in from the template it edits —
 * when the user may edit that template; otherwise a hidden value is a 400 naming the header.
 */
async function revealedDefinition(
  db: DbOrTx,
  user: SessionUser,
  draft: z.output<typeof httpDraftSchema>,
  env: Env,
) {
  const edited = draft.templateId
    ? await findTemplateOrThrow(db, user, draft.templateId).catch(() => null)
    : null;
  const stored =
    edited && canEditTemplate(user, edited) ? (edited.definition as Record<string, unknown>) : null;
  return revealHeaders(draft.definition, stored, env);
}

/** A template's parameters and outputs: SQL as its source describes it, HTTP from its placeholders, transform from its sample. */
export async function describeTemplate(
  db: DbOrTx,
  user: SessionUser,
  body: TemplateDraftBody,
  deps: DataSourceDeps,
): Promise<TemplateDescription> {
  switch (body.kind) {
    case "sql":
      return describeSqlTemplate(db, user, body, deps);
    case "http":
      return describeHttpTemplate(await revealedDefinition(db, user, body, deps.env));
    case "transform":
      return describeTransformTemplate(body.definition);
  }
}

/** A template's first rows with the given values: the query, the test call, or the expression on the sample. */
export async function previewTemplate(
  db: DbOrTx,
  user: SessionUser,
  body: z.output<typeof previewTemplateBodySchema>,
  deps: DataSourceDeps,
): Promise<z.output<typeof templatePreviewSchema>> {
  switch (body.kind) {
    case "sql":
      return previewSqlTemplate(db, user, body, deps);
    case "http":
      return previewHttpTemplate(await revealedDefinition(db, user, body, deps.env), body.values, deps.env);
    case "transform":
      return previewTransformTemplate(body.definition, body.values);
  }
}
