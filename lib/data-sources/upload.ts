import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { AppError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/user";
import type { DbOrTx } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import { identifierFrom } from "@/lib/identifier";
import { FairShare } from "./fair-share";
import {
  type droppedTableSchema,
  tableNameSchema,
  type UploadOptions,
  uploadFormats,
  type uploadPreviewSchema,
  type uploadResponseSchema,
} from "./schema";
import { type DataSourceDeps, writableDuckDbFile } from "./service";

/** The table a file becomes when none is named: its name without the extension, made a valid name. */
function tableFrom(fileName: string): string {
  const base = identifierFrom(path.basename(fileName).replace(/\.[^.]+$/, ""), 61);
  if (!base) return "upload";
  return /^[a-z]/.test(base) ? base : `t_${base}`;
}

/** The delimiter of the formats read as CSV: a file is read in the dialect its extension names. */
const delimiters: Record<string, string> = { csv: ",", tsv: "\t" };

/** Limits of one upload's process, besides the settings (rows, time). */
const UPLOAD_LIMITS = {
  /** Levels of arrays and objects a JSON file may nest. */
  jsonDepth: 64,
  memoryLimit: "512MB",
  /** Spilled to disk while loading, at most. */
  tempLimit: "1GB",
  heapMb: 128,
};

/**
 * One upload at a time per user, and at most two in all, per web process: each has a process with up
 * to 512 MB for DuckDB and 128 MB of heap.
 */
const uploads = new FairShare(3, "uploads");
const allUploads = new FairShare(50, "uploads waiting on this server");
const UPLOADS_AT_ONCE = 2;

/** What an upload process answers: its result, or why it refused. */
type ProcessAnswer<Result> =
  | ({ ok: true } & Result)
  | {
      ok: false;
      message: string;
      code?: "unprocessable_entity" | "payload_too_large" | "bad_request" | "not_found";
    }
  /** A table of that name exists and the upload did not say what to do with it. */
  | { ok: false; message: string; code: "conflict"; rows: number };

/** Where uploaded bytes wait for their process; copies a crashed server left behind are removed later. */
function uploadCopies(env: Env): string {
  const dir = path.resolve(env.DUCKDB_DIR, ".uploads");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stale = Date.now() - 2 * env.DUCKDB_UPLOAD_TIMEOUT_MS;
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    const modified = statSync(file, { throwIfNoEntry: false })?.mtimeMs;
    if (modified !== undefined && modified < stale) rmSync(file, { force: true, recursive: true });
  }
  return dir;
}

/**
 * Runs the load in an upload process of its own (lib/data-sources/upload-process.mjs), killed at its
 * time limit; answers once the process has exited, so its lock on the source's file is gone.
 */
function inUploadProcess<Result>(
  job: Record<string, unknown>,
  env: Env,
  /** A preview nobody waits for any more (the request went away) is stopped. */
  signal?: AbortSignal,
): Promise<ProcessAnswer<Result>> {
  const script = path.join(process.cwd(), "lib", "data-sources", "upload-process.mjs");
  const child = fork(/* turbopackIgnore: true */ script, [], {
    execArgv: [`--max-old-space-size=${UPLOAD_LIMITS.heapMb}`],
    // The file's contents have no business with the server's secrets.
    env: { NODE_ENV: process.env.NODE_ENV ?? "production" },
    stdio: ["ignore", "ignore", "ignore", "ipc"],
  });
  return new Promise((resolve) => {
    let answer: ProcessAnswer<Result> | undefined;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, env.DUCKDB_UPLOAD_TIMEOUT_MS);
    child.once("message", (message) => {
      answer = message as ProcessAnswer<Result>;
    });
    const abandon = () => child.kill("SIGKILL");
    signal?.addEventListener("abort", abandon, { once: true });
    // A process that could not start reports an error and may never exit; a failed send is one too.
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ ok: false, message: `The upload's process could not start: ${error.message}` });
    });
    child.once("exit", (code, exitSignal) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", abandon);
      // DuckDB commits the whole table or none of it; a process stopped after its commit has loaded it.
      resolve(
        answer ?? {
          ok: false,
          message: timedOut
            ? `Loading took longer than ${env.DUCKDB_UPLOAD_TIMEOUT_MS / 1000} s (DUCKDB_UPLOAD_TIMEOUT_MS) and was stopped; the table has all of the file or none of it.`
            : signal?.aborted
              ? "The request went away; nothing was loaded."
              : `DuckDB stopped while reading it (${exitSignal ?? `exit code ${code}`}; out of memory?); the table has all of the file or none of it.`,
        },
      );
    });
    child.send(job);
  });
}

/** The process's refusal as the error the API answers. */
function refused(
  answer: Exclude<ProcessAnswer<unknown>, { ok: true }>,
  table: string,
  failed = "The file could not be read",
): never {
  if (answer.code === "conflict")
    throw new AppError({ code: "conflict", message: answer.message, details: { table, rows: answer.rows } });
  // Another upload or a query holds the file right now. DuckDB's words name the file, the process
  // and its id: none of that is the user's business.
  if (!answer.code && /Could not set lock on file|Conflicting lock/i.test(answer.message))
    throw new AppError({
      code: "conflict",
      message: "The source is busy: another upload or a query is using it. Try again in a moment.",
    });
  throw new AppError({
    code: answer.code ?? "unprocessable_entity",
    message: answer.code ? answer.message : `${failed}: ${answer.message}`,
  });
}

type Upload = { fileName: string; bytes: Uint8Array; options?: Partial<UploadOptions> };

/** The checks every upload passes before a process starts: a writable DuckDB source, a known format, its size, a valid table name. */
async function checked(
  db: DbOrTx,
  user: SessionUser,
  sourceId: string,
  upload: Upload,
  deps: DataSourceDeps,
) {
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
  return {
    id,
    file,
    extension,
    reader,
    table: validTable(upload.options?.table || tableFrom(upload.fileName)),
  };
}

function validTable(name: string): string {
  const parsed = tableNameSchema.safeParse(name);
  if (parsed.success) return parsed.data;
  throw new AppError({
    code: "bad_request",
    message: `The table name ${parsed.error.issues[0]!.message}.`,
    issues: [{ path: ["table"], message: parsed.error.issues[0]!.message }],
  });
}

/** The limits every upload process runs under. */
const processLimits = (env: Env) => ({
  maxDepth: UPLOAD_LIMITS.jsonDepth,
  maxRows: env.DUCKDB_UPLOAD_MAX_ROWS,
  memoryLimit: UPLOAD_LIMITS.memoryLimit,
  tempLimit: UPLOAD_LIMITS.tempLimit,
  previewRows: 20,
});

/**
 * Reads the upload in a process of its own (`op`: preview or load) from a copy whose path QueryFlow
 * chose, one upload at a time per user and a few per server; the copies are gone after.
 */
async function processUpload<Result>(
  db: DbOrTx,
  user: SessionUser,
  sourceId: string,
  upload: Upload,
  op: "preview" | "load",
  deps: DataSourceDeps,
  signal?: AbortSignal,
): Promise<Result> {
  const { id, file, extension, reader, table } = await checked(db, user, sourceId, upload, deps);
  const work = async () => {
    if (signal?.aborted) throw new AppError({ code: "bad_request", message: "The request went away." });
    const copy = path.join(uploadCopies(deps.env), `${randomUUID()}.${extension}`);
    const readable = `${copy}.readable.${extension}`;
    await writeFile(copy, upload.bytes, { mode: 0o600 });
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      const answer = await inUploadProcess<Result>(
        {
          op,
          file,
          copy,
          readable,
          reader,
          delimiter: delimiters[extension],
          fileName: upload.fileName,
          mode: upload.options?.mode ?? "create",
          types: upload.options?.types ?? {},
          badLines: upload.options?.badLines ?? "refuse",
          table,
          json: reader === "read_json_auto",
          tempDirectory: path.join(path.dirname(copy), `${path.basename(copy)}.spill`),
          ...processLimits(deps.env),
        },
        deps.env,
        signal,
      );
      if (!answer.ok) refused(answer, table);
      return answer as Result;
    } finally {
      for (const left of [copy, readable, `${copy}.spill`]) rmSync(left, { force: true, recursive: true });
      // The tables changed: the schema browser reads them again.
      if (op === "load") await db.dataSource.update({ where: { id }, data: { schemaCachedAt: null } });
    }
  };
  return uploads.run(user.id, 1, () => allUploads.run("all", UPLOADS_AT_ONCE, work));
}

/**
 * What uploading the file would load — its columns as DuckDB reads them and as the chosen types make
 * them, its first rows, its row count, values that do not read as their chosen type, records that
 * cannot be read, and the rows of the table it would replace — with nothing written.
 */
export async function previewUpload(
  db: DbOrTx,
  user: SessionUser,
  sourceId: string,
  upload: Upload,
  deps: DataSourceDeps,
  signal?: AbortSignal,
): Promise<z.output<typeof uploadPreviewSchema>> {
  const answer = await processUpload<z.output<typeof uploadPreviewSchema>>(
    db,
    user,
    sourceId,
    upload,
    "preview",
    deps,
    signal,
  );
  return { preview: answer.preview };
}

/**
 * Loads an uploaded CSV, TSV, Parquet or JSON file into a DuckDB source as a table, in one
 * transaction: a file DuckDB cannot read, one with more than DUCKDB_UPLOAD_MAX_ROWS rows or nested
 * deeper than 64 levels, a value that does not read as its column's chosen type, or a table of that
 * name when the upload did not say to replace or append, leaves the source as it was. Records of a
 * CSV that cannot be read refuse the file unless `badLines: "skip"`, which loads the rest and
 * reports them. Reading and writing happen in a process of its own with its own memory and time
 * limits, so no file can stop the server or hold its event loop; queries never get file access.
 */
export async function uploadFile(
  db: DbOrTx,
  user: SessionUser,
  sourceId: string,
  upload: Upload,
  deps: DataSourceDeps,
): Promise<z.output<typeof uploadResponseSchema>> {
  const answer = await processUpload<z.output<typeof uploadResponseSchema>>(
    db,
    user,
    sourceId,
    upload,
    "load",
    deps,
  );
  return { table: answer.table, skipped: answer.skipped };
}

/** Drops one table of a DuckDB source its user may write; 404 when it has none of that name. */
export async function dropTable(
  db: DbOrTx,
  user: SessionUser,
  sourceId: string,
  tableName: string,
  deps: DataSourceDeps,
): Promise<z.output<typeof droppedTableSchema>> {
  const { id, file } = await writableDuckDbFile(db, user, sourceId, deps);
  const table = validTable(tableName);
  if (!existsSync(file))
    throw new AppError({ code: "not_found", message: `The source has no table "${table}".` });
  const answer = await uploads.run(user.id, 1, () =>
    allUploads.run("all", UPLOADS_AT_ONCE, () =>
      inUploadProcess<z.output<typeof droppedTableSchema>>(
        { op: "drop", file, table, fileName: table, ...processLimits(deps.env) },
        deps.env,
      ),
    ),
  );
  if (!answer.ok) refused(answer, table, `The table "${table}" could not be dropped`);
  await db.dataSource.update({ where: { id }, data: { schemaCachedAt: null } });
  return { dropped: answer.dropped };
}
