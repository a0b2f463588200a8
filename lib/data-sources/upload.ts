import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import type { z } from "zod";
import { AppError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/session";
import type { DbOrTx } from "@/lib/db/client";
import { tableNameSchema, uploadFormats, type uploadResponseSchema } from "./schema";
import { type DataSourceDeps, writableDuckDbFile } from "./service";

/** The table a file becomes when none is named: its name without the extension, made a valid name. */
function tableFrom(fileName: string): string {
  const base = path
    .basename(fileName)
    .replace(/\.[^.]+$/, "")
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_");
  return (/^[a-z_]/.test(base) ? base : `t_${base}`).slice(0, 63) || "upload";
}

/**
 * Loads an uploaded CSV, TSV, Parquet or JSON file into a DuckDB source as a table (replacing one of
 * that name), in one statement: a file DuckDB cannot read leaves the source as it was. The file is
 * read from a temporary copy whose path QueryFlow chose; queries never get file access.
 */
export async function uploadFile(
  db: DbOrTx,
  user: SessionUser,
  sourceId: string,
  upload: { fileName: string; bytes: Uint8Array; table?: string },
  deps: DataSourceDeps,
): Promise<z.output<typeof uploadResponseSchema>> {
  const { id, file } = await writableDuckDbFile(db, user, sourceId, deps);
  const extension = path.extname(upload.fileName).slice(1).toLowerCase();
  const reader = uploadFormats[extension as keyof typeof uploadFormats];
  if (!reader)
    throw new AppError({
      code: "bad_request",
      message: `QueryFlow reads ${Object.keys(uploadFormats)
        .map((format) => `.${format}`)
        .join(", ")} files, not "${upload.fileName}".`,
      issues: [{ path: ["file"], message: "is not a CSV, TSV, Parquet or JSON file" }],
    });
  if (upload.bytes.byteLength > deps.env.DUCKDB_UPLOAD_MAX_BYTES)
    throw new AppError({
      code: "payload_too_large",
      message: `The file is ${upload.bytes.byteLength} bytes; the most one upload may be is ${deps.env.DUCKDB_UPLOAD_MAX_BYTES} (DUCKDB_UPLOAD_MAX_BYTES).`,
    });
  const parsed = tableNameSchema.safeParse(upload.table || tableFrom(upload.fileName));
  if (!parsed.success)
    throw new AppError({
      code: "bad_request",
      message: `The table name ${parsed.error.issues[0]!.message}.`,
      issues: [{ path: ["table"], message: parsed.error.issues[0]!.message }],
    });
  const table = parsed.data;
  const copy = path.join(tmpdir(), `queryflow-upload-${randomUUID()}.${extension}`);
  writeFileSync(copy, upload.bytes, { mode: 0o600 });
  mkdirSync(path.dirname(file), { recursive: true });
  let instance: DuckDBInstance | undefined;
  try {
    instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    try {
      await connection.run(`CREATE OR REPLACE TABLE "${table}" AS SELECT * FROM ${reader}('${copy}')`);
      const count = await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM "${table}"`);
      const columns = await connection.runAndReadAll(
        `SELECT column_name AS name, data_type AS type FROM information_schema.columns
         WHERE table_name = '${table}' ORDER BY ordinal_position`,
      );
      return {
        table: {
          name: table,
          rows: Number(count.getRowObjectsJson()[0]!.n),
          columns: columns.getRowObjectsJson() as { name: string; type: string }[],
        },
      };
    } finally {
      connection.closeSync();
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const message = (error as Error).message.split("\n")[0]!;
    // Another upload or a query holds the file right now.
    if (/lock|conflict/i.test(message))
      throw new AppError({
        code: "conflict",
        message: `The source is busy (${message}). Try again in a moment.`,
      });
    throw new AppError({ code: "unprocessable_entity", message: `The file could not be read: ${message}` });
  } finally {
    instance?.closeSync();
    rmSync(copy, { force: true });
    // The tables changed: the schema browser reads them again.
    await db.dataSource.update({ where: { id }, data: { schemaCachedAt: null } });
  }
}
