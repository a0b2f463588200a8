import { z } from "zod";

export const sslModes = ["disable", "require", "verify-full"] as const;

const fields = {
  host: z
    .string()
    .trim()
    .min(1)
    .max(253)
    .regex(/^[A-Za-z0-9.:_[\]-]+$/, "must be a host name or an address"),
  port: z.number().int().min(1).max(65535).default(5432),
  database: z.string().trim().min(1).max(63),
  user: z.string().trim().min(1).max(63),
  password: z.string().max(1000).optional(),
  /** `require` encrypts without checking the certificate; `verify-full` checks it against the host. */
  sslMode: z.enum(sslModes).default("require"),
};

const postgresFields = z.strictObject(fields);

/** A PostgreSQL URL (`postgres://user:password@host:5432/db?sslmode=require`) taken apart into fields. */
const postgresUrl = z.strictObject({ url: z.string().max(2000) }).transform((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value.url);
  } catch {
    ctx.addIssue({ code: "custom", message: "is not a URL", path: ["url"] });
    return z.NEVER;
  }
  if (!/^postgres(ql)?:$/.test(url.protocol)) {
    ctx.addIssue({ code: "custom", message: "must start with postgres:// or postgresql://", path: ["url"] });
    return z.NEVER;
  }
  const parsed = postgresFields.safeParse({
    host: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    database: decodeURIComponent(url.pathname.slice(1)),
    user: decodeURIComponent(url.username),
    password: url.password ? decodeURIComponent(url.password) : undefined,
    sslMode: url.searchParams.get("sslmode") ?? undefined,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      ctx.addIssue({ code: "custom", message: `${issue.path.join(".")} ${issue.message}`, path: ["url"] });
    return z.NEVER;
  }
  return parsed.data;
});

/** A PostgreSQL connection as the API takes it: fields, or one URL. */
export const postgresConnectionSchema = z.union([postgresFields, postgresUrl]);
export type PostgresConnection = z.output<typeof postgresFields>;

const name = z.string().trim().min(1).max(200);

/** Shared with everyone (admins only). */
const shared = z.boolean().default(false);

export const createDataSourceBodySchema = z.discriminatedUnion("kind", [
  z.strictObject({ name, kind: z.literal("postgres"), connection: postgresConnectionSchema, shared }),
  /** An embedded DuckDB database, filled by uploading files (POST /api/data-sources/:id/files). */
  z.strictObject({ name, kind: z.literal("duckdb"), connection: z.strictObject({}).default({}), shared }),
]);

/** A full replacement; the password may be left out to keep the stored one while the server stays. */
export const updateDataSourceBodySchema = createDataSourceBodySchema;

/** A data source as the API answers it: never its password, only whether it has one. */
export const dataSourceResponseSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(["postgres", "duckdb"]),
  connection: z.object({
    host: z.string().optional(),
    port: z.number().int().optional(),
    database: z.string().optional(),
    user: z.string().optional(),
    sslMode: z.enum(sslModes).optional(),
  }),
  hasPassword: z.boolean(),
  shared: z.boolean(),
  builtIn: z.boolean(),
  owner: z.object({ id: z.string(), name: z.string() }).nullable(),
  canEdit: z.boolean(),
  /** Templates that query it (anyone's): a source in use cannot be deleted. */
  templateCount: z.number().int(),
  schemaCachedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const connectionTestSchema = z.object({
  ok: z.literal(true),
  serverVersion: z.string(),
  latencyMs: z.number().int(),
});

export const schemaResponseSchema = z.object({
  tables: z.array(
    z.object({
      schema: z.string(),
      name: z.string(),
      columns: z.array(z.object({ name: z.string(), type: z.string() })),
    }),
  ),
  cachedAt: z.iso.datetime(),
});

export const schemaQuerySchema = z.object({ refresh: z.enum(["true", "false"]).optional() });

export const uploadFormats = {
  csv: "read_csv_auto",
  tsv: "read_csv_auto",
  parquet: "read_parquet",
  json: "read_json_auto",
  ndjson: "read_json_auto",
  jsonl: "read_json_auto",
} as const;

/**
 * What an upload does to a table of its name that exists: `create` refuses (409 with the table's row
 * count, so the user chooses), `replace` replaces it, `append` adds the file's rows to it (by column
 * name). A table that does not exist is created by all three.
 */
export const uploadModeSchema = z.enum(["create", "replace", "append"]).default("create");

/** The table an upload becomes: given, or made from the file's name. */
export const tableNameSchema = z
  .string()
  .trim()
  .regex(/^[a-z_][a-z0-9_]{0,62}$/, "must be lower-case letters, digits and _, starting with a letter or _");

/** The types a user may give a column of an uploaded file, over what DuckDB inferred. */
export const columnTypes = ["text", "integer", "number", "boolean", "date", "timestamp"] as const;

/**
 * How an upload is read and loaded, besides the file: the multipart form's other fields.
 * `types` is JSON text (`{"day":"date"}`); `badLines: "skip"` loads the records of a CSV or TSV file
 * that can be read and reports the others, instead of refusing the file.
 */
export const uploadOptionsSchema = z.object({
  table: z.string().optional(),
  mode: uploadModeSchema,
  types: z
    .string()
    .max(100_000)
    .default("{}")
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: "custom", message: "must be a JSON object of column names and types" });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string().min(1).max(255), z.enum(columnTypes))),
  badLines: z.enum(["refuse", "skip"]).default("refuse"),
});

export type UploadOptions = z.output<typeof uploadOptionsSchema>;

/** A record of a CSV or TSV file that cannot be read: where it is, why, and its text (cut at 200). */
const unreadableSchema = z.object({
  /** How many records cannot be read, and how many lines of the file they span. */
  records: z.number().int(),
  lines: z.number().int(),
  /** The first 100 of them. */
  first: z.array(
    z.object({ line: z.number().int(), lastLine: z.number().int(), reason: z.string(), text: z.string() }),
  ),
});

const columnSchema = z.object({ name: z.string(), type: z.string() });

export const uploadResponseSchema = z.object({
  table: z.object({
    name: z.string(),
    /** Rows of the table after the upload, and rows this upload added to it. */
    rows: z.number().int(),
    loaded: z.number().int(),
    columns: z.array(columnSchema),
  }),
  /** Records skipped because they cannot be read (badLines: skip); none otherwise. */
  skipped: unreadableSchema,
});

/** What an upload would load, read from the file without writing anything. */
export const uploadPreviewSchema = z.object({
  preview: z.object({
    table: z.string(),
    /** Rows and columns of the table of that name the source has already, or null when it has none. */
    existing: z.number().int().nullable(),
    existingColumns: z.array(columnSchema).nullable(),
    rows: z.number().int(),
    /** The most rows one upload may load (DUCKDB_UPLOAD_MAX_ROWS). */
    maxRows: z.number().int(),
    /**
     * Columns DuckDB read as numbers that are loaded as text unless a type is chosen: some values have
     * more significant digits than a double holds (a 20-digit id would become another number).
     */
    keptAsText: z.array(z.object({ column: z.string(), values: z.number().int() })),
    /** Each column as DuckDB read it (`type`) and as it would be loaded (`as`, after `types`). */
    columns: z.array(columnSchema.extend({ as: z.string() })),
    /** The first 20 rows as they would be loaded (text cut at 200 characters). */
    first: z.array(z.record(z.string(), z.unknown())),
    /** Columns given a type some of their values do not read as. */
    typeProblems: z.array(
      z.object({
        column: z.string(),
        type: z.enum(columnTypes),
        values: z.number().int(),
        example: z.string(),
      }),
    ),
    /** CSV and TSV only: records that cannot be read (null for other formats). */
    unreadable: unreadableSchema.nullable(),
  }),
});

export const droppedTableSchema = z.object({
  dropped: z.object({ name: z.string(), rows: z.number().int() }),
});
