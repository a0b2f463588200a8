import { z } from "zod";
import type { SessionUser } from "@/lib/auth/session";
import { type DataSourceDeps, describeOnDataSource, queryDataSource } from "@/lib/data-sources/service";
import { parameterNames, toPositional } from "@/lib/data-sources/sql-parameters";
import type { DbOrTx } from "@/lib/db/client";
import type { ParameterSpec } from "./types";

// Writing a SQL template in the app: what its parameters and outputs are, and its first rows.

export const PREVIEW_ROWS = 100;

export const describeTemplateBodySchema = z.strictObject({
  kind: z.literal("sql", {
    error: 'must be "sql" (HTTP and transform templates are not written in the app yet)',
  }),
  dataSourceId: z.uuid(),
  definition: z.strictObject({ sql: z.string().trim().min(1).max(100_000) }),
});

export const previewTemplateBodySchema = describeTemplateBodySchema.extend({
  /** A value per `:name` parameter; a missing one is NULL. */
  values: z.record(z.string(), z.unknown()).default({}),
});

export const templateDescriptionSchema = z.object({
  parameters: z.array(
    z.object({ name: z.string(), type: z.string(), required: z.boolean(), description: z.string() }),
  ),
  outputs: z.array(z.object({ name: z.string(), type: z.string(), description: z.string() })),
});

export const templatePreviewSchema = z.object({
  columns: z.array(z.object({ name: z.string(), type: z.string(), description: z.string() })),
  rows: z.array(z.record(z.string(), z.unknown())),
  rowCount: z.number().int(),
  truncated: z.boolean(),
  durationMs: z.number().int(),
});

/**
 * The `:name` parameters of the SQL with the types the database infers for them, and its output
 * columns with theirs — from describing the statement, not running it.
 */
export async function describeSqlTemplate(
  db: DbOrTx,
  user: SessionUser,
  body: z.output<typeof describeTemplateBodySchema>,
  deps: DataSourceDeps,
): Promise<z.output<typeof templateDescriptionSchema>> {
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
  body: z.output<typeof previewTemplateBodySchema>,
  deps: DataSourceDeps,
): Promise<z.output<typeof templatePreviewSchema>> {
  const started = performance.now();
  const result = await queryDataSource(
    db,
    user,
    body.dataSourceId,
    toPositional(body.definition.sql, body.values),
    { timeoutMs: deps.env.SQL_STATEMENT_TIMEOUT_MS, maxRows: PREVIEW_ROWS },
    deps,
  );
  return { ...result, rowCount: result.rows.length, durationMs: Math.round(performance.now() - started) };
}
