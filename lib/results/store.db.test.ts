import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/user";
import { type CompositionDocumentInput, compositionDocumentSchema } from "@/lib/compositions/schema";
import { createComposition } from "@/lib/compositions/service";
import { pgSql } from "@/lib/db/sql";
import { resultCsvOf, resultPageOf } from "@/lib/engine/read";
import { startRun } from "@/lib/engine/start-run";
import { parseEnv } from "@/lib/env";
import { pruneOldExecutions } from "@/lib/retention";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import {
  addTemplate,
  makeUser,
  resultRows,
  runToEnd,
  startTestWorker,
  waitForRun,
} from "@/lib/testing/engine";
import { startS3Server } from "@/lib/testing/s3";
import { until } from "@/lib/testing/until";
import type { RunningWorker } from "@/lib/worker/worker";
import { resultStore } from "./store";

// One suite, both result stores: a real worker writes each result as Parquet into PostgreSQL or into
// a real S3-compatible server (s3rver), and pages, sorted pages and CSV are read back from it.

const s3 = await startS3Server();
const cacheDir = mkdtempSync(path.join(tmpdir(), "queryflow-result-cache-"));
// This process reads results as a web server would: from whichever store each was written to.
const { RESULTS_STORE: _written, ...s3Settings } = s3.env;
Object.assign(process.env, s3Settings, { RESULTS_CACHE_DIR: cacheDir });
afterAll(async () => {
  await s3.stop();
  rmSync(cacheDir, { recursive: true, force: true });
});

/** Row g of the number_series template, computed here from its definition (md5 of g's digits). */
function seriesRow(g: number) {
  const bits = Number.parseInt(createHash("md5").update(String(g)).digest("hex").slice(0, 8), 16) | 0;
  return { n: g, label: `row ${g}`, bucket: g % 10, value: (((bits % 1000) + 1000) % 1000) / 10 };
}
const series = (count: number) => Array.from({ length: count }, (_, index) => seriesRow(index + 1));

const s3Client = new S3Client({
  endpoint: s3.env.RESULTS_S3_URL,
  region: "us-east-1",
  forcePathStyle: true,
  credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
});
async function objectKeys(): Promise<string[]> {
  const page = await s3Client.send(new ListObjectsV2Command({ Bucket: s3.env.RESULTS_S3_BUCKET }));
  return (page.Contents ?? []).map((object) => object.Key!);
}

describe.each(["postgres", "s3"] as const)("the %s result store", (backend) => {
  const storeEnv: Record<string, string> =
    backend === "s3" ? { ...s3.env, RESULTS_CACHE_DIR: cacheDir } : { RESULTS_CACHE_DIR: cacheDir };
  let database: TestDatabase;
  let user: SessionUser;
  let worker: RunningWorker | undefined;
  let pool: pg.Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    user = await makeUser(database, `store-${backend}`);
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
  });
  afterAll(async () => {
    await worker?.stop();
    await pool.end();
    await database.drop();
  });

  const seriesDocument = (count: number): CompositionDocumentInput => ({
    name: `Series of ${count}`,
    nodes: [{ nodeId: "series", templateId: "number_series", parameterOverrides: { count } }],
  });
  async function start(document: CompositionDocumentInput) {
    const composition = await createComposition(database.db, user, compositionDocumentSchema.parse(document));
    return startRun(database.db, user, composition.id, { parameters: {}, trigger: "manual" });
  }
  /** Whether the stored file exists in its store (a result_files row, or the S3 object). */
  async function fileStored(node: { id: string; resultMetadata: unknown }) {
    const file = (node.resultMetadata as { file?: { store: string; key?: string } }).file!;
    if (file.store === "s3") return (await objectKeys()).includes(file.key!);
    const rows = await database.sql<{ head: string }>(
      "SELECT encode(substr(bytes, 1, 4), 'escape') AS head FROM result_files WHERE workflow_execution_id = $1::uuid",
      [node.id],
    );
    return rows[0]?.head === "PAR1";
  }

  it("keeps a table result as one Parquet file and serves pages, sorted pages and CSV from it", async () => {
    worker ??= await startTestWorker(database, storeEnv);
    const { nodes } = await waitForRun(database, (await start(seriesDocument(2500))).id);
    const node = nodes.series!;
    expect(node.status).toBe("completed");
    expect(node.resultMetadata).toMatchObject({ type: "table", rowCount: 2500, file: { store: backend } });
    expect(await fileStored(node)).toBe(true);

    const expected = series(2500);
    // From a cold cache, so that the page is read from the store, not from the worker's copy.
    for (const name of readdirSync(cacheDir)) rmSync(path.join(cacheDir, name), { force: true });
    expect(await resultRows(database, node, 1200, 100)).toEqual(expected.slice(1200, 1300));
    expect(await resultRows(database, node, 2450, 100)).toEqual(expected.slice(2450));

    const byValue = [...expected].sort((a, b) => b.value - a.value || a.n - b.n);
    const sorted = await resultPageOf(database.db, node, {
      offset: 40,
      limit: 25,
      sort: "value",
      order: "desc",
    });
    expect(sorted).toMatchObject({ type: "table", rowCount: 2500, rows: byValue.slice(40, 65) });

    const csv = await new Response(resultCsvOf(database.db, node)).text();
    const lines = csv.trimEnd().split("\r\n");
    expect(lines).toHaveLength(2501);
    expect(lines[0]).toBe("n,label,bucket,value");
    expect(lines[2500]).toBe(Object.values(expected[2499]!).join(","));
  });

  it("shows no result from a worker killed while writing one, and the node's next attempt stores it whole", async () => {
    await worker?.stop();
    worker = undefined;
    const count = 400_000;
    const execution = await start(seriesDocument(count));
    const doomed: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
      env: { ...process.env, ...storeEnv, DATABASE_URL: database.url, WORKER_CONCURRENCY: "2" },
      stdio: "ignore",
    });
    // The Parquet file is being written beside the cache: kill the worker now.
    await until(() => readdirSync(cacheDir).some((name) => name.startsWith(".writing-")), {
      what: "the worker writing the result's file",
      everyMs: 5,
      timeoutMs: 60_000,
    });
    doomed.kill("SIGKILL");
    await new Promise((resolve) => doomed.once("exit", resolve));

    const killed = await database.db.workflowExecution.findFirstOrThrow({
      where: { compositionExecutionId: execution.id },
    });
    expect(killed).toMatchObject({ status: "running", resultMetadata: null, output: null });
    expect(await database.db.resultFile.count({ where: { workflowExecutionId: killed.id } })).toBe(0);

    worker = await startTestWorker(database, { ...storeEnv, HEARTBEAT_TIMEOUT_MS: "1500" });
    const { nodes } = await waitForRun(database, execution.id, 90_000);
    const node = nodes.series!;
    expect(node).toMatchObject({ status: "completed", attempt: 2 });
    expect(node.resultMetadata).toMatchObject({ rowCount: count, file: { store: backend } });
    const expected = series(count);
    expect(await resultRows(database, node, 0, 3)).toEqual(expected.slice(0, 3));
    expect(await resultRows(database, node, count - 3, 3)).toEqual(expected.slice(count - 3));
  });

  it("removes a run's file with the run, and a file no run refers to after the grace period", async () => {
    worker ??= await startTestWorker(database, storeEnv);
    const kept = (await waitForRun(database, (await start(seriesDocument(10))).id)).nodes.series!;
    const doomed = (await waitForRun(database, (await start(seriesDocument(20))).id)).nodes.series!;
    await database.sql(
      "UPDATE composition_executions SET finished_at = now() - interval '2 days' WHERE id = $1::uuid",
      [doomed.compositionExecutionId],
    );
    const sql = pgSql(pool);
    expect(await pruneOldExecutions(sql, 1)).toMatchObject({ runs: 1 });
    if (backend === "postgres") {
      // The file went with its node execution, by cascade; a write that did not commit left no row.
      expect(await database.db.resultFile.count({ where: { workflowExecutionId: doomed.id } })).toBe(0);
      expect(await fileStored(kept)).toBe(true);
      return;
    }
    const store = resultStore(parseEnv(storeEnv));
    // A write whose transaction never committed leaves an object nothing refers to.
    const uncommitted = await store.put(sql, crypto.randomUUID(), Buffer.from("PAR1 half"));
    const doomedKey = (doomed.resultMetadata as { file: { key: string } }).file.key;
    expect(await objectKeys()).toContain(doomedKey);
    expect(await store.sweepOrphans(sql, 3_600_000)).toBe(0); // young: may be a write in flight
    expect(await store.sweepOrphans(sql, 0)).toBe(2);
    const keys = await objectKeys();
    expect(keys).not.toContain(doomedKey);
    expect(keys).not.toContain(uncommitted.store === "s3" ? uncommitted.key : "");
    expect(await fileStored(kept)).toBe(true);
  });
});

describe("a stored result's values", () => {
  let database: TestDatabase;
  let user: SessionUser;
  let worker: RunningWorker;
  beforeAll(async () => {
    database = await createTestDatabase();
    user = await makeUser(database, "values");
    worker = await startTestWorker(database, { RESULTS_CACHE_DIR: cacheDir });
  });
  afterAll(async () => {
    await worker.stop();
    await database.drop();
  });

  it("read back as the query gave them: timestamps, dates, JSON, lists, big integers, nulls", async () => {
    await addTemplate(database, {
      templateId: "every_type",
      kind: "sql",
      definition: {
        sql: `SELECT * FROM (VALUES
          (timestamptz '2024-03-01 10:11:12.345+02', date '2024-03-01', jsonb_build_object('a', jsonb_build_array(1, NULL, 'x'), 'b', jsonb_build_object('c', true)),
           ARRAY[1,2,3]::bigint[], ARRAY['x','y''s'], true, NULL::int, 9007199254740991::bigint, 1.5::float8, 'ünï "q"'),
          (NULL, NULL, 'null'::jsonb, ARRAY[]::bigint[], NULL, false, 7, -1, -0.25, '')
        ) AS t(at, day, doc, ints, words, ok, maybe, big, x, text)`,
      },
      outputs: [],
    });
    const { nodes } = await runToEnd(database, user, {
      name: "Every type",
      nodes: [{ nodeId: "types", templateId: "every_type" }],
    });
    expect(nodes.types!.error ?? "").toBe("");
    expect(nodes.types!.status).toBe("completed");
    expect(nodes.types!.resultMetadata).toMatchObject({ file: { store: "postgres" } });
    expect(await resultRows(database, nodes.types!, 0, 10)).toEqual([
      {
        at: "2024-03-01T08:11:12.345Z",
        day: "2024-03-01",
        doc: { a: [1, null, "x"], b: { c: true } },
        ints: [1, 2, 3],
        words: ["x", "y's"],
        ok: true,
        maybe: null,
        big: 9007199254740991,
        x: 1.5,
        text: 'ünï "q"',
      },
      {
        at: null,
        day: null,
        doc: null,
        ints: [],
        words: null,
        ok: false,
        maybe: 7,
        big: -1,
        x: -0.25,
        text: "",
      },
    ]);
  });

  it("of a run from before the result store, kept as JSON chunks, still page and sort", async () => {
    const { nodes } = await runToEnd(database, user, {
      name: "Legacy",
      nodes: [{ nodeId: "echo", templateId: "echo" }],
    });
    // A node execution as runs before the store left it: rows in node_results, no file.
    const rows = series(1500);
    const columns = ["n", "label", "bucket", "value"].map((name) => ({
      name,
      type: name === "label" ? "string" : name === "value" ? "number" : "integer",
      description: "",
    }));
    const node = await database.db.workflowExecution.update({
      where: { id: nodes.echo!.id },
      data: { resultMetadata: { type: "table", columns, rowCount: 1500, truncated: false, chunkRows: 1000 } },
    });
    await database.db.nodeResult.createMany({
      data: [0, 1].map((chunkIndex) => ({
        workflowExecutionId: node.id,
        chunkIndex,
        rowOffset: chunkIndex * 1000,
        rowCount: chunkIndex ? 500 : 1000,
        rows: rows.slice(chunkIndex * 1000, chunkIndex * 1000 + 1000),
      })),
    });
    expect(await resultRows(database, node, 990, 20)).toEqual(rows.slice(990, 1010));
    const page = await resultPageOf(database.db, node, { offset: 0, limit: 5, sort: "value", order: "asc" });
    expect(page).toMatchObject({
      rows: [...rows].sort((a, b) => a.value - b.value || a.n - b.n).slice(0, 5),
    });
  });
});
