import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { readdir, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Sql } from "@/lib/db/sql";
import type { Env } from "@/lib/env";
import { type FileRef, readStoredFile } from "./store";

/**
 * Local copies of result files, which DuckDB reads: fetched from the result store on first read,
 * and the least recently read removed past RESULTS_CACHE_MB (none read in the last ten minutes). A stored file
 * never changes, so a copy is never stale; copies appear whole (written aside, then renamed).
 */

type CacheEnv = Pick<Env, "RESULTS_CACHE_DIR" | "RESULTS_CACHE_MB">;

const dirOf = (env: CacheEnv) => {
  const dir = path.resolve(env.RESULTS_CACHE_DIR);
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** The cached file of a result (its store's ref), or of a result kept as JSON chunks (no ref). */
export const nameOf = (nodeExecutionId: string, ref?: FileRef) =>
  ref?.store === "s3" ? `s3-${ref.key.replaceAll("/", "_")}` : `${nodeExecutionId}.parquet`;

/** A path for a file being written, beside the cache so that it can be renamed into it. */
export function scratchFile(env: CacheEnv): string {
  return path.join(dirOf(env), `.writing-${randomUUID()}.parquet`);
}

/** Makes a file just written and stored the local copy of that result (after its commit only). */
export async function keepLocally(env: CacheEnv, file: string, nodeExecutionId: string, ref: FileRef) {
  await rename(file, path.join(dirOf(env), nameOf(nodeExecutionId, ref)));
  await prune(env);
}

const producing = new Map<string, Promise<string>>();

/**
 * The local path of the cached file `name`, made by `produce` (writing to the path it is given)
 * when not here; concurrent reads of one missing file make it once.
 */
export async function cachedFile(
  env: CacheEnv,
  name: string,
  produce: (scratch: string) => Promise<void>,
): Promise<string> {
  const file = path.join(dirOf(env), name);
  const now = new Date();
  try {
    await utimes(file, now, now); // recently read: the last to go
    return file;
  } catch {}
  const pending = producing.get(file);
  if (pending) return pending;
  const made = (async () => {
    const scratch = scratchFile(env);
    try {
      await produce(scratch);
      await rename(scratch, file);
    } finally {
      await rm(scratch, { force: true });
    }
    await prune(env);
    return file;
  })().finally(() => producing.delete(file));
  producing.set(file, made);
  return made;
}

/** The local path of a stored result's file, fetched from its store when not here. */
export function localResultFile(env: Env, sql: Sql, nodeExecutionId: string, ref: FileRef) {
  return cachedFile(env, nameOf(nodeExecutionId, ref), async (scratch) =>
    writeFile(scratch, await readStoredFile(env, sql, nodeExecutionId, ref)),
  );
}

/** A file being written for longer than this was left by a process that died. */
const ABANDONED_MS = 3_600_000;
/**
 * A copy read this recently may be about to be opened by DuckDB (a page, a node's input): it is
 * kept even past RESULTS_CACHE_MB, which the cache may then exceed for a while.
 */
const IN_USE_MS = 600_000;

/**
 * Removes the least recently read copies while the cache is over its size, and files a dead
 * process left half-written. A file DuckDB has open stays readable to it; a later read fetches it again.
 */
async function prune(env: CacheEnv) {
  const dir = dirOf(env);
  const all = await Promise.all(
    (await readdir(dir)).map(async (name) => {
      const info = await stat(path.join(dir, name)).catch(() => null);
      return { name, size: info?.size ?? 0, used: info?.mtimeMs ?? 0 };
    }),
  );
  const writing = (name: string) => name.startsWith(".writing-");
  for (const file of all)
    if (writing(file.name) && file.used < Date.now() - ABANDONED_MS)
      await rm(path.join(dir, file.name), { force: true });
  const files = all.filter((file) => !writing(file.name));
  let total = files.reduce((sum, file) => sum + file.size, 0);
  const max = env.RESULTS_CACHE_MB * 1024 * 1024;
  for (const file of files.sort((a, b) => a.used - b.used)) {
    if (total <= max || file.used > Date.now() - IN_USE_MS) break;
    await rm(path.join(dir, file.name), { force: true });
    total -= file.size;
  }
}
