import { randomUUID } from "node:crypto";
import type { Sql } from "@/lib/db/sql";
import type { Env } from "@/lib/env";
import { s3Files } from "./s3-files";

/** Where a stored result's Parquet file is: in PostgreSQL by its node execution, or an S3 object. */
export type FileRef = { store: "postgres" } | { store: "s3"; key: string };

/**
 * One result store: Parquet files of tabular results, written once and read whole into the local
 * cache (lib/results/cache.ts). `put` with the `postgres` backend writes in the caller's transaction,
 * so a rollback or a killed process leaves nothing; an S3 object is written before the transaction
 * that refers to it, and one that nothing refers to (a failed or lost write) is never read and is
 * removed by `sweepOrphans`.
 */
export interface ResultStore {
  put(sql: Sql, nodeExecutionId: string, bytes: Buffer): Promise<FileRef>;
  get(sql: Sql, nodeExecutionId: string, ref: FileRef): Promise<Buffer>;
  /** Removes a file written for a transaction that did not commit (best effort: a sweep follows). */
  discard(ref: FileRef): Promise<void>;
  /** Removes files no node execution refers to and older than `graceMs` (writes may be in flight). */
  sweepOrphans(sql: Sql, graceMs: number): Promise<number>;
}

/** A file unreferenced for this long is no write in flight (a node's write takes seconds). */
export const ORPHAN_GRACE_MS = 3_600_000;

const postgresStore: ResultStore = {
  async put(sql, nodeExecutionId, bytes) {
    await sql.query(
      // Written once: a second file for one node execution would be a bug, and fails.
      "INSERT INTO result_files (workflow_execution_id, bytes) VALUES ($1::uuid, $2)",
      [nodeExecutionId, bytes],
    );
    return { store: "postgres" };
  },
  async get(sql, nodeExecutionId) {
    const { rows } = await sql.query<{ bytes: Buffer }>(
      "SELECT bytes FROM result_files WHERE workflow_execution_id = $1::uuid",
      [nodeExecutionId],
    );
    if (!rows[0]) throw new Error(`The result file of node execution ${nodeExecutionId} is missing.`);
    return rows[0].bytes;
  },
  // The row goes with its transaction, and with its node execution by cascade.
  discard: async () => {},
  sweepOrphans: async () => 0,
};

/** The result store new results are written to: the one the environment names (RESULTS_STORE). */
export function resultStore(env: Env): ResultStore {
  return env.RESULTS_STORE === "postgres" ? postgresStore : s3Store(env);
}

/** A stored file's bytes, from the store it was written to (which need not be today's RESULTS_STORE). */
export function readStoredFile(env: Env, sql: Sql, nodeExecutionId: string, ref: FileRef) {
  if (ref.store === "postgres") return postgresStore.get(sql, nodeExecutionId, ref);
  if (!env.RESULTS_S3_URL || !env.RESULTS_S3_BUCKET)
    throw new Error("This result is kept in S3, and RESULTS_S3_URL and RESULTS_S3_BUCKET are not set.");
  return s3Store(env).get(sql, nodeExecutionId, ref);
}

const s3Stores = new Map<string, ResultStore>();

function s3Store(env: Env): ResultStore {
  const id = `${env.RESULTS_S3_URL}|${env.RESULTS_S3_BUCKET}`;
  const existing = s3Stores.get(id);
  if (existing) return existing;
  const files = s3Files(env);
  const store: ResultStore = {
    async put(_sql, nodeExecutionId, bytes) {
      // A new key per write: a retried node never overwrites a file another attempt may still read.
      const key = `results/${nodeExecutionId}/${randomUUID()}.parquet`;
      await files.put(key, bytes);
      return { store: "s3", key };
    },
    get: (_sql, _id, ref) => files.get(keyOf(ref)),
    discard: (ref) => files.remove([keyOf(ref)]),
    async sweepOrphans(sql, graceMs) {
      const candidates = await files.list("results/", new Date(Date.now() - graceMs));
      if (!candidates.length) return 0;
      const { rows } = await sql.query<{ key: string }>(
        `SELECT key FROM unnest($1::text[]) AS key
         EXCEPT SELECT result_metadata -> 'file' ->> 'key' FROM workflow_executions
         WHERE result_metadata -> 'file' ->> 'key' = ANY($1::text[])`,
        [candidates],
      );
      await files.remove(rows.map(({ key }) => key));
      return rows.length;
    },
  };
  s3Stores.set(id, store);
  return store;
}

function keyOf(ref: FileRef): string {
  if (ref.store !== "s3") throw new Error("Not a file of the s3 result store.");
  return ref.key;
}
