import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/user";
import { compositionDocumentSchema } from "@/lib/compositions/schema";
import { createComposition } from "@/lib/compositions/service";
import { getResultPage } from "@/lib/engine/read";
import { startRun } from "@/lib/engine/start-run";
import { createTemplate } from "@/lib/templates/authored";
import { describeSqlTemplate } from "@/lib/templates/authoring";
import { testDataSourceDeps } from "@/lib/testing/data-source-deps";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { makeUser, startTestWorker, waitForRun } from "@/lib/testing/engine";
import { until } from "@/lib/testing/until";
import type { RunningWorker } from "@/lib/worker/worker";
import type { QueryLimits } from "./drivers/driver";
import {
  createDataSource,
  type DataSourceDeps,
  dataSourceSchema,
  deleteDataSource,
  getDataSource,
  queryDataSource,
  testDataSource,
} from "./service";
import { dropTable, previewUpload, uploadFile } from "./upload";

const dir = mkdtempSync(path.join(tmpdir(), "queryflow-duckdb-"));
const CSV = "id,amount,placed\n1,10.5,2025-01-02\n2,21,2025-01-03\n3,31.5,2025-01-04\n";
let database: TestDatabase;
let deps: DataSourceDeps;
let worker: RunningWorker;
let alice: SessionUser;
let bob: SessionUser;
let sourceId: string;
const limits = { timeoutMs: 5_000, maxRows: 1_000, maxBytes: 1 << 26 };
const read = (text: string, values: unknown[] = []) =>
  queryDataSource(database.db, alice, sourceId, { text, values }, limits, deps);

/** A Parquet file, written by DuckDB itself. */
async function parquet(): Promise<Uint8Array> {
  const file = path.join(dir, "products.parquet");
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await connection.run(
    `COPY (SELECT 'B0' || g AS asin, g * 2.5 AS price FROM range(1, 6) t(g)) TO '${file}' (FORMAT parquet)`,
  );
  connection.closeSync();
  instance.closeSync();
  return readFileSync(file);
}

beforeAll(async () => {
  database = await createTestDatabase();
  const base = testDataSourceDeps(database);
  deps = { ...base, env: { ...base.env, DUCKDB_DIR: path.join(dir, "sources") } };
  alice = await makeUser(database, "alice");
  bob = await makeUser(database, "bob");
  sourceId = (
    await createDataSource(
      database.db,
      alice,
      { name: "Uploads", kind: "duckdb", connection: {}, shared: false },
      deps,
    )
  ).id;
  worker = await startTestWorker(database, { DUCKDB_DIR: path.join(dir, "sources") });
}, 120_000);
afterAll(async () => {
  await worker.stop();
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("a DuckDB data source", () => {
  it("is empty until a file is uploaded; CSV and Parquet uploads become tables it describes and queries", async () => {
    await expect(testDataSource(database.db, alice, sourceId, deps)).rejects.toMatchObject({
      code: "unprocessable_entity",
      message: expect.stringContaining("upload a file first"),
    });
    const orders = await uploadFile(
      database.db,
      alice,
      sourceId,
      { fileName: "Orders.csv", bytes: new TextEncoder().encode(CSV) },
      deps,
    );
    expect(orders.table).toMatchObject({ name: "orders", rows: 3 });
    const products = await uploadFile(
      database.db,
      alice,
      sourceId,
      { fileName: "products.parquet", bytes: await parquet(), options: { table: "catalog" } },
      deps,
    );
    expect(products.table).toMatchObject({ name: "catalog", rows: 5 });

    expect((await testDataSource(database.db, alice, sourceId, deps)).serverVersion).toMatch(/^DuckDB v1\./);
    const schema = await dataSourceSchema(database.db, alice, sourceId, { refresh: false }, deps);
    expect(schema.tables.map((table) => table.name).sort()).toEqual(["catalog", "orders"]);
    const result = await queryDataSource(
      database.db,
      alice,
      sourceId,
      { text: "SELECT id, amount, placed FROM orders WHERE amount > $1 ORDER BY id", values: [15] },
      limits,
      deps,
    );
    expect(result.rows).toEqual([
      { id: 2, amount: 21, placed: "2025-01-03" },
      { id: 3, amount: 31.5, placed: "2025-01-04" },
    ]);
    expect(result.columns.map((column) => `${column.name}:${column.type}`)).toEqual([
      "id:integer",
      "amount:number",
      "placed:date",
    ]);
    const described = await describeSqlTemplate(
      database.db,
      alice,
      {
        kind: "sql",
        dataSourceId: sourceId,
        definition: { sql: "SELECT asin, price FROM catalog WHERE price > :min" },
      },
      deps,
    );
    expect(described.parameters).toEqual([{ name: "min", type: "number", required: true, description: "" }]);
    expect(described.outputs.map((output) => output.type)).toEqual(["string", "number"]);
  });

  it("describes SQL whose parameters DuckDB cannot type before a value is bound", async () => {
    const describeSql = (sql: string) =>
      describeSqlTemplate(
        database.db,
        alice,
        { kind: "sql", dataSourceId: sourceId, definition: { sql } },
        deps,
      );
    for (const sql of ["SELECT :year AS y", "SELECT make_date(:year + 1, 1, 1) AS d"]) {
      const described = await describeSql(sql);
      expect(described.parameters, sql).toEqual([
        { name: "year", type: "string", required: true, description: "" },
      ]);
      expect(described.outputs).toHaveLength(1);
    }
    expect((await describeSql("SELECT CAST(:year AS INTEGER) AS y")).parameters[0]!.type).toBe("integer");
    const made = await read("SELECT make_date($1 + 1, 1, 1) AS d", [2015]);
    expect(made.rows).toEqual([{ d: "2016-01-01" }]);
  });

  it("refuses reading files, extensions, attaching and writing, whatever the SQL says", async () => {
    // 400: DuckDB's parser finds no single read, so nothing runs; 422: the sandbox refuses it.
    const hostile: [string, "bad_request" | "unprocessable_entity", RegExp][] = [
      ["SELECT * FROM read_csv('/etc/passwd')", "unprocessable_entity", /disabled|Permission/i],
      ["INSTALL httpfs", "bad_request", /runs only reads/],
      ["LOAD httpfs", "bad_request", /runs only reads/],
      ["ATTACH '/tmp/other.duckdb' AS other", "bad_request", /runs only reads/],
      ["DELETE FROM orders RETURNING *", "bad_request", /is DELETE/],
      ["SELECT 1; DROP TABLE orders", "bad_request", /2 statements/],
      ["COPY orders TO '/tmp/out.csv'", "unprocessable_entity", /Permission/],
      ["SET memory_limit = '16GB'; SET threads = 16; SELECT 1", "bad_request", /3 statements/],
      ["SET memory_limit = '16GB'", "bad_request", /runs only reads/],
    ];
    for (const [text, code, message] of hostile) {
      await expect(
        queryDataSource(database.db, alice, sourceId, { text, values: [] }, limits, deps),
        text,
      ).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
    }
    // Every query runs under the caps (the refused SETs would have lifted them for what followed).
    const settings = await queryDataSource(
      database.db,
      alice,
      sourceId,
      {
        text: "SELECT current_setting('threads') AS threads, current_setting('memory_limit') AS memory",
        values: [],
      },
      limits,
      deps,
    );
    expect(settings.rows[0]).toMatchObject({ threads: 2 });
    expect(String(settings.rows[0]!.memory)).toMatch(/^(488\.2 MiB|512\.0 MB|476\.8 MiB)$/);
    const count = await queryDataSource(
      database.db,
      alice,
      sourceId,
      { text: "SELECT count(*) AS n FROM orders", values: [] },
      limits,
      deps,
    );
    expect(count.rows).toEqual([{ n: 3 }]);
  });

  it("takes only known file types, valid table names and its owner's uploads", async () => {
    const bytes = new TextEncoder().encode(CSV);
    await expect(
      uploadFile(database.db, alice, sourceId, { fileName: "notes.txt", bytes }, deps),
    ).rejects.toMatchObject({ code: "bad_request", message: expect.stringContaining(".csv") });
    await expect(
      uploadFile(
        database.db,
        alice,
        sourceId,
        { fileName: "x.csv", bytes, options: { table: 'x"; DROP TABLE orders; --' } },
        deps,
      ),
    ).rejects.toMatchObject({ code: "bad_request" });
    await expect(
      uploadFile(database.db, bob, sourceId, { fileName: "orders.csv", bytes }, deps),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("runs a template written on it in a composition, on the real worker", async () => {
    const template = await createTemplate(
      database.db,
      alice,
      {
        name: "Uploaded orders",
        description: "",
        category: "Uploads",
        kind: "sql",
        dataSourceId: sourceId,
        definition: { sql: "SELECT id, amount FROM orders WHERE amount > :min ORDER BY id" },
        chartConfig: null,
        isPublic: false,
      },
      deps,
    );
    // The source says it is in use before anyone asks to delete it, and a delete is refused.
    expect((await getDataSource(database.db, alice, sourceId)).templateCount).toBe(1);
    await expect(deleteDataSource(database.db, alice, sourceId, deps)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining('"Uploaded orders"'),
    });
    const composition = await createComposition(
      database.db,
      alice,
      compositionDocumentSchema.parse({
        name: "From a CSV",
        nodes: [{ nodeId: "orders", templateId: template.templateId, parameterOverrides: { min: 15 } }],
      }),
    );
    const execution = await startRun(database.db, alice, composition.id, {
      parameters: {},
      trigger: "manual",
    });
    const { execution: run, nodes } = await waitForRun(database, execution.id);
    expect(run.status, String(nodes.orders?.error)).toBe("completed");
    const page = await getResultPage(database.db, alice, execution.id, "orders", {
      offset: 0,
      limit: 10,
      order: "asc",
    });
    expect(page.rows).toEqual([
      { id: 2, amount: 21 },
      { id: 3, amount: 31.5 },
    ]);
  });
});

describe("an upload", () => {
  const ordersCount = async () =>
    (
      await queryDataSource(
        database.db,
        alice,
        sourceId,
        { text: "SELECT count(*) AS n FROM orders", values: [] },
        limits,
        deps,
      )
    ).rows[0]!.n;
  const copiesLeft = () => readdirSync(path.join(dir, "sources", ".uploads")).length;

  it("of a CSV with lines it cannot read is refused naming the first and their count, and names no server path", async () => {
    const before = await ordersCount();
    const damaged = "a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n";
    const answer = uploadFile(
      database.db,
      alice,
      sourceId,
      { fileName: "damaged.csv", bytes: new TextEncoder().encode(damaged), options: { table: "orders" } },
      deps,
    );
    await expect(answer).rejects.toMatchObject({
      code: "unprocessable_entity",
      message: expect.stringMatching(
        /^Line 3 cannot be read: .*"4,5"\)\. 2 records of the file cannot be read; nothing was loaded/,
      ),
    });
    expect(await ordersCount()).toBe(before);
    // An unterminated quote swallows the rest of the file: DuckDB's sniffer took it as one column.
    const unterminated = uploadFile(
      database.db,
      alice,
      sourceId,
      { fileName: "quote.csv", bytes: new TextEncoder().encode('a,b,c\n1,2,3\n4,"5,6\n7,8,9\n') },
      deps,
    );
    await expect(unterminated).rejects.toMatchObject({
      message: expect.stringMatching(/^Line 3 cannot be read: .*unterminated quote/),
    });
    const message = await unterminated.catch((error: Error) => error.message);
    expect(message).not.toMatch(/\/tmp|\.uploads|queryflow-/);
  });

  it("of a CSV or TSV loads every line, quoted delimiters included", async () => {
    const lines = Array.from({ length: 50 }, (_, index) => `${index},"Smith, ${index}",${index * 2.5}`);
    const loaded = await uploadFile(
      database.db,
      alice,
      sourceId,
      { fileName: "people.csv", bytes: new TextEncoder().encode(`id,name,score\n${lines.join("\n")}\n`) },
      deps,
    );
    expect(loaded.table).toMatchObject({ name: "people", rows: 50 });
    const [row] = (await read("SELECT name, score FROM people WHERE id = 7")).rows;
    expect(row).toEqual({ name: "Smith, 7", score: 17.5 });
    const tsv = await uploadFile(
      database.db,
      alice,
      sourceId,
      { fileName: "pairs.tsv", bytes: new TextEncoder().encode("k\tv\na,b\t1\nc\t2\n") },
      deps,
    );
    expect(tsv.table).toMatchObject({ rows: 2, columns: [{ name: "k" }, { name: "v" }] });
  });

  it("into a table that exists asks what to do: refused unless told to replace it or append to it", async () => {
    const file = (text: string) => new TextEncoder().encode(text);
    const first = "day,rain\n2000-01-01,1.5\n2000-01-02,0\n2000-01-03,2.25\n";
    await uploadFile(database.db, alice, sourceId, { fileName: "weather.csv", bytes: file(first) }, deps);
    const again = uploadFile(
      database.db,
      alice,
      sourceId,
      { fileName: "weather.csv", bytes: file("day,rain\n2001-01-01,9\n") },
      deps,
    );
    await expect(again).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining('A table "weather" already exists (3 rows)'),
      details: { table: "weather", rows: 3 },
    });
    expect((await read("SELECT count(*) AS n FROM weather")).rows).toEqual([{ n: 3 }]);

    const appended = await uploadFile(
      database.db,
      alice,
      sourceId,
      { fileName: "weather.csv", bytes: file("rain,day\n4,2000-01-04\n"), options: { mode: "append" } },
      deps,
    );
    expect(appended.table.rows).toBe(4);
    expect((await read("SELECT sum(rain) AS total FROM weather")).rows).toEqual([{ total: 7.75 }]);

    const replaced = await uploadFile(
      database.db,
      alice,
      sourceId,
      { fileName: "weather.csv", bytes: file("day,rain\n2001-01-01,9\n"), options: { mode: "replace" } },
      deps,
    );
    expect(replaced.table.rows).toBe(1);
  });

  it("is previewed without writing: columns as read and as typed, first rows, row count, the table it would replace", async () => {
    const lines = Array.from({ length: 30 }, (_, index) => {
      const day = new Date(Date.UTC(2000, 0, 1 + index));
      const written = day.toLocaleDateString("en-US", {
        month: "short",
        day: "numeric",
        year: "numeric",
        timeZone: "UTC",
      });
      return `${String(index).padStart(3, "0")},"${written}",${index * 0.5}`;
    });
    const bytes = new TextEncoder().encode(`code,day,rain\n${lines.join("\n")}\n`);
    const upload = { fileName: "readings.csv", bytes };
    const asRead = await previewUpload(database.db, alice, sourceId, upload, deps);
    expect(asRead.preview).toMatchObject({
      table: "readings",
      existing: null,
      rows: 30,
      columns: [
        // DuckDB's sniffer keeps zero-padded codes as text.
        { name: "code", type: "VARCHAR", as: "VARCHAR" },
        // "Jan 1, 2000" is no date DuckDB's sniffer knows: text unless the user says otherwise.
        { name: "day", type: "VARCHAR", as: "VARCHAR" },
        { name: "rain", type: "DOUBLE", as: "DOUBLE" },
      ],
      typeProblems: [],
      unreadable: { records: 0, lines: 0, first: [] },
    });
    expect(asRead.preview.first).toHaveLength(20);
    expect(asRead.preview.first[2]).toEqual({ code: "002", day: "Jan 3, 2000", rain: 1 });

    // A number chosen as text keeps the file's own digits.
    const types = { day: "date", rain: "text" } as const;
    const typed = await previewUpload(database.db, alice, sourceId, { ...upload, options: { types } }, deps);
    expect(typed.preview.columns.map((column) => column.as)).toEqual(["VARCHAR", "DATE", "VARCHAR"]);
    expect(typed.preview.first[3]).toEqual({ code: "003", day: "2000-01-04", rain: "1.5" });
    const tables = async () =>
      (await dataSourceSchema(database.db, alice, sourceId, { refresh: true }, deps)).tables.map(
        (t) => t.name,
      );
    expect(await tables()).not.toContain("readings");

    const loaded = await uploadFile(database.db, alice, sourceId, { ...upload, options: { types } }, deps);
    expect(loaded.table).toMatchObject({ name: "readings", rows: 30, loaded: 30 });
    expect((await read("SELECT code, day::VARCHAR AS day FROM readings WHERE rain = '14.5'")).rows).toEqual([
      { code: "029", day: "2000-01-30" },
    ]);
    const again = await previewUpload(database.db, alice, sourceId, upload, deps);
    expect(again.preview.existing).toBe(30);
  });

  it("with a type some values do not read as is refused naming the column, the count and one of them", async () => {
    const bytes = new TextEncoder().encode("n,when\n1,2000-01-01\n1.5,Jan 2 2000\n2.5,someday\n,\n");
    const upload = {
      fileName: "typed.csv",
      bytes,
      options: { types: { n: "integer", when: "date" } },
    } as const;
    const preview = await previewUpload(database.db, alice, sourceId, upload, deps);
    expect(preview.preview.typeProblems).toEqual([
      { column: "n", type: "integer", values: 2, example: expect.stringMatching(/^(1\.5|2\.5)$/) },
      { column: "when", type: "date", values: 1, example: "someday" },
    ]);
    await expect(uploadFile(database.db, alice, sourceId, upload, deps)).rejects.toMatchObject({
      code: "unprocessable_entity",
      message: expect.stringMatching(
        /^Column "n" has 2 values that are not an integer .*; Column "when" has 1 value that is not a date \(e\.g\. "someday"\); nothing was loaded/,
      ),
    });
    await expect(
      uploadFile(database.db, alice, sourceId, { ...upload, options: { types: { missing: "text" } } }, deps),
    ).rejects.toMatchObject({ code: "bad_request", message: expect.stringContaining('no column "missing"') });
    const tables = await dataSourceSchema(database.db, alice, sourceId, { refresh: true }, deps);
    expect(tables.tables.map((table) => table.name)).not.toContain("typed");
  });

  it("never guesses a number or a date: long ids stay text, day-or-month dates stay text, a chosen date reads only unambiguous forms", async () => {
    const ids = ["12345678901234567891", "22345678901234567892"];
    const text = `id,day,amount,block\n${ids[0]},03/04/2024,1.5,x\n${ids[1]},05/06/2024,2,y\n`;
    const upload = { fileName: "exact.csv", bytes: new TextEncoder().encode(text) };
    const preview = await previewUpload(database.db, alice, sourceId, upload, deps);
    expect(preview.preview.keptAsText).toEqual([{ column: "id", values: 2 }]);
    expect(preview.preview.columns.map((column) => [column.name, column.as])).toEqual([
      ["id", "VARCHAR"],
      ["day", "VARCHAR"],
      ["amount", "DOUBLE"],
      ["block", "VARCHAR"],
    ]);
    expect(preview.preview.first.map((row) => row.id)).toEqual(ids);
    // As numbers the ids would be other numbers; "3/4/24" is no date QueryFlow can be sure of.
    const typed = await previewUpload(
      database.db,
      alice,
      sourceId,
      { ...upload, options: { types: { id: "number", day: "date" } } },
      deps,
    );
    expect(typed.preview.typeProblems).toEqual([
      { column: "id", type: "number", values: 2, example: expect.stringMatching(/^[12]2345678901234567/) },
      { column: "day", type: "date", values: 2, example: expect.stringMatching(/^0[35]\/0[46]\/2024$/) },
    ]);
    const loaded = await uploadFile(database.db, alice, sourceId, upload, deps);
    expect(loaded.table.columns).toContainEqual({ name: "id", type: "VARCHAR" });
    expect((await read("SELECT id FROM exact ORDER BY id")).rows).toEqual(ids.map((id) => ({ id })));

    // Appended rows take the table's types or are refused: 1.5 into an integer column would be 2.
    await uploadFile(
      database.db,
      alice,
      sourceId,
      { fileName: "counts.csv", bytes: new TextEncoder().encode("n,block\n1,a\n2,b\n") },
      deps,
    );
    const lossy = uploadFile(
      database.db,
      alice,
      sourceId,
      {
        fileName: "counts.csv",
        bytes: new TextEncoder().encode("n,block\n1.5,c\n"),
        options: { mode: "append" },
      },
      deps,
    );
    // A column named "block" is no lock: the refusal is the file's, not a busy source.
    await expect(lossy).rejects.toMatchObject({
      code: "unprocessable_entity",
      message: expect.stringMatching(
        /^The file's "n" is DOUBLE where the table's is BIGINT: nothing was appended/,
      ),
    });
    expect(
      (await read("SELECT sum(n)::INTEGER AS total, count(*)::INTEGER AS rows FROM counts")).rows,
    ).toEqual([{ total: 3, rows: 2 }]);
    const asTable = await previewUpload(
      database.db,
      alice,
      sourceId,
      { fileName: "counts.csv", bytes: new TextEncoder().encode("n,block\n1.5,c\n") },
      deps,
    );
    expect(asTable.preview.existingColumns).toEqual([
      { name: "n", type: "BIGINT" },
      { name: "block", type: "VARCHAR" },
    ]);
  });

  it("reads Windows line ends, a byte order mark and a file of only a header as written", async () => {
    const windows = '\uFEFFcity,visits\r\nOslo,3\r\n"Bergen, Vestland",4\r\n';
    const loaded = await uploadFile(
      database.db,
      alice,
      sourceId,
      { fileName: "visits.csv", bytes: new TextEncoder().encode(windows) },
      deps,
    );
    expect(loaded.table.columns).toEqual([
      { name: "city", type: "VARCHAR" },
      { name: "visits", type: "BIGINT" },
    ]);
    expect((await read("SELECT city, visits FROM visits ORDER BY visits")).rows).toEqual([
      { city: "Oslo", visits: 3 },
      { city: "Bergen, Vestland", visits: 4 },
    ]);
    const header = await uploadFile(
      database.db,
      alice,
      sourceId,
      { fileName: "nothing_yet.csv", bytes: new TextEncoder().encode("a,b\n") },
      deps,
    );
    expect(header.table).toMatchObject({
      name: "nothing_yet",
      rows: 0,
      columns: [{ name: "a" }, { name: "b" }],
    });
  });

  it("with a line of 40 MB is refused saying so, and the source answers the next query", async () => {
    const huge = `a,b\n1,${"x".repeat(40 * 1024 * 1024)}\n2,y\n`;
    const upload = { fileName: "huge_line.csv", bytes: new TextEncoder().encode(huge) };
    for (const attempt of [previewUpload, uploadFile])
      await expect(attempt(database.db, alice, sourceId, upload, deps)).rejects.toMatchObject({
        code: "unprocessable_entity",
        message: expect.stringContaining("A line of the file is longer than 2 MB"),
      });
    expect((await read("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });

  it("asked to skip the records it cannot read loads every other one and reports each skipped record", async () => {
    const good = ["1,2,3", "10,11,12", "13,14,15"];
    const text = `a,b,c\n${good[0]}\n4,5\n6,7,8,9\n${good[1]}\n${good[2]}\n4,"5,6\n7,8,9\n`;
    const upload = {
      fileName: "ragged.csv",
      bytes: new TextEncoder().encode(text),
      options: { badLines: "skip" },
    } as const;
    const preview = await previewUpload(database.db, alice, sourceId, upload, deps);
    expect(preview.preview.rows).toBe(good.length);
    expect(preview.preview.unreadable).toMatchObject({ records: 3, lines: 4 });
    const loaded = await uploadFile(database.db, alice, sourceId, upload, deps);
    expect(loaded.table).toMatchObject({
      rows: good.length,
      columns: [{ name: "a" }, { name: "b" }, { name: "c" }],
    });
    expect(loaded.skipped).toMatchObject({
      records: 3,
      // The unterminated quote on line 7 runs to the end of the file: lines 7 and 8.
      lines: 4,
      first: [
        {
          line: 3,
          lastLine: 3,
          text: "4,5",
          reason: expect.stringContaining("Expected Number of Columns: 3"),
        },
        { line: 4, lastLine: 4, text: "6,7,8,9" },
        { line: 7, lastLine: 8, text: '4,"5,6\n7,8,9' },
      ],
    });
    const expected = good.reduce((sum, line) => sum + Number(line.split(",")[2]), 0);
    expect((await read("SELECT sum(c)::INTEGER AS total FROM ragged")).rows).toEqual([{ total: expected }]);
  });

  it("can be taken back: one table is dropped, and only by someone who may write the source", async () => {
    const bytes = new TextEncoder().encode("k\nx\ny\n");
    await uploadFile(database.db, alice, sourceId, { fileName: "scratch.csv", bytes }, deps);
    await expect(dropTable(database.db, bob, sourceId, "scratch", deps)).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await dropTable(database.db, alice, sourceId, "scratch", deps)).toEqual({
      dropped: { name: "scratch", rows: 2 },
    });
    await expect(read("SELECT * FROM scratch")).rejects.toMatchObject({
      message: expect.stringMatching(/scratch/),
    });
    await expect(dropTable(database.db, alice, sourceId, "scratch", deps)).rejects.toMatchObject({
      code: "not_found",
      message: 'The source has no table "scratch".',
    });
    expect((await read("SELECT count(*) AS n FROM orders")).rows[0]!.n).toBeGreaterThan(0);
  });

  it("nested deeper than 64 levels is refused before DuckDB reads it, and the source stays as it was", async () => {
    const before = await ordersCount();
    // 5,000 levels in 30 kB: DuckDB's JSON reader crashed the server process on it.
    const deep = `[${'{"a":'.repeat(5000)}1${"}".repeat(5000)}]`;
    const answer = uploadFile(
      database.db,
      alice,
      sourceId,
      { fileName: "deep.json", bytes: new TextEncoder().encode(deep), options: { table: "orders" } },
      deps,
    );
    await expect(answer).rejects.toMatchObject({
      code: "unprocessable_entity",
      message: expect.stringContaining("more than 64 levels deep"),
    });
    expect(await ordersCount()).toBe(before);
    expect(copiesLeft()).toBe(0);
  });

  it("that expands past DUCKDB_UPLOAD_MAX_ROWS is refused, loading nothing", async () => {
    // A few kB of Parquet that holds 200,000 rows.
    const file = path.join(dir, "expands.parquet");
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run(`COPY (SELECT 1 AS one FROM range(200000)) TO '${file}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    const capped = { ...deps, env: { ...deps.env, DUCKDB_UPLOAD_MAX_ROWS: 100_000 } };
    await expect(
      uploadFile(
        database.db,
        alice,
        sourceId,
        { fileName: "expands.parquet", bytes: readFileSync(file) },
        capped,
      ),
    ).rejects.toMatchObject({
      code: "payload_too_large",
      message: expect.stringContaining("more than 100000 rows"),
    });
    const tables = await dataSourceSchema(database.db, alice, sourceId, { refresh: true }, deps);
    expect(tables.tables.map((table) => table.name)).not.toContain("expands");
  });

  it("whose process is killed at its time limit leaves the source as it was, and no copy behind", async () => {
    const before = await ordersCount();
    const rows = Array.from({ length: 200_000 }, (_, index) => `${index},${index * 1.5},2025-01-01`).join(
      "\n",
    );
    const hurried = { ...deps, env: { ...deps.env, DUCKDB_UPLOAD_TIMEOUT_MS: 50 } };
    await expect(
      uploadFile(
        database.db,
        alice,
        sourceId,
        {
          fileName: "orders.csv",
          bytes: new TextEncoder().encode(`id,amount,placed\n${rows}\n`),
          options: { mode: "replace" },
        },
        hurried,
      ),
    ).rejects.toMatchObject({
      code: "unprocessable_entity",
      message: expect.stringContaining("was stopped"),
    });
    expect(await ordersCount()).toBe(before);
    expect(copiesLeft()).toBe(0);
  });
});

describe("a DuckDB query", () => {
  // Minutes of work on two threads: it ends only when something stops it.
  const endless =
    "SELECT count(*) AS n FROM range(100000000) a, range(100000) b WHERE (a.range + b.range) % 7 = 3";
  const query = (text: string, queryLimits: QueryLimits = limits) =>
    queryDataSource(database.db, alice, sourceId, { text, values: [] }, queryLimits, deps);
  /** The DuckDB processes this test process started (lib/data-sources/duckdb-process.mjs). */
  const duckDbProcesses = () =>
    // pgrep answers 1 when there is none.
    spawnSync("pgrep", ["-P", String(process.pid), "-f", "duckdb-process.mjs"], { encoding: "utf8" })
      .stdout.split("\n")
      .filter(Boolean)
      .map(Number);
  /** CPU time a process has used, in clock ticks (/proc/<pid>/stat: utime + stime). */
  const cpuTicks = (pid: number) => {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return Number(fields[11]) + Number(fields[12]);
  };

  /** Waits until one of the DuckDB processes is working (has used a tenth of a second of CPU since). */
  async function busyProcess(): Promise<number> {
    const before = new Map<number, number>();
    let busy: number | undefined;
    await until(
      () => {
        for (const pid of duckDbProcesses()) {
          if (!before.has(pid)) before.set(pid, cpuTicks(pid));
          else if (cpuTicks(pid) - before.get(pid)! >= 10) busy = pid;
        }
        return busy !== undefined;
      },
      { what: "a DuckDB process to start working", everyMs: 20 },
    );
    return busy!;
  }

  it("runs in a process of its own: killing it mid-query fails that query only, clearly, and the next one runs", async () => {
    const running = query(endless, { ...limits, timeoutMs: 120_000 });
    process.kill(await busyProcess(), "SIGKILL");
    await expect(running).rejects.toMatchObject({
      code: "unprocessable_entity",
      message: expect.stringContaining("DuckDB stopped while reading this source"),
    });
    expect((await query("SELECT count(*) AS n FROM orders")).rows).toEqual([{ n: 3 }]);
  });

  it("that never ends is stopped at its time limit or when cancelled, and the source answers the next", async () => {
    await expect(query(endless, { ...limits, timeoutMs: 300 })).rejects.toMatchObject({
      code: "unprocessable_entity",
      message: expect.stringContaining("ran past its time limit (300 ms)"),
    });
    const cancel = new AbortController();
    const cancelled = query(endless, { ...limits, timeoutMs: 120_000, signal: cancel.signal });
    const working = await busyProcess();
    cancel.abort(new Error("the run was cancelled"));
    await expect(cancelled).rejects.toThrow("the run was cancelled");
    // A cancelled statement's process is stopped, not left computing.
    await until(() => !duckDbProcesses().includes(working), {
      what: "the cancelled query's process to exit",
      everyMs: 20,
    });
    expect((await query("SELECT sum(amount) AS total FROM orders")).rows).toEqual([{ total: 63 }]);
  });

  it("is cut at the byte limit, the last row whole", async () => {
    // 200 rows of 1 MB each; the cap holds 8 MB and one row past it.
    const result = await query("SELECT range AS i, repeat('x', 1000000) AS big FROM range(200)", {
      ...limits,
      maxBytes: 8_000_000,
    });
    expect(result.truncated).toBe(true);
    expect(result.rows.map((row) => row.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(result.rows.every((row) => row.big === "x".repeat(1_000_000))).toBe(true);
  });
});
