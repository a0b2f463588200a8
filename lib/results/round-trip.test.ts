import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { closeDuckDbProcesses, readParquet } from "@/lib/data-sources/drivers/duckdb";
import { writeResultFile } from "@/lib/engine/results";
import { parseEnv } from "@/lib/env";
import { fieldsOf } from "@/lib/templates/infer";
import type { OutputField } from "@/lib/value-types";
import { rowsOf } from "./values";

// What a table result reads back as, through the real Parquet file and DuckDB process: every value
// as it was given, whatever its rows look like.

const dir = mkdtempSync(path.join(tmpdir(), "queryflow-round-trip-"));
const env = parseEnv({ RESULTS_CACHE_DIR: dir });
afterAll(async () => {
  await closeDuckDbProcesses();
  rmSync(dir, { recursive: true, force: true });
});

async function roundTrip(columns: OutputField[], rows: Record<string, unknown>[]) {
  const file = await writeResultFile(env, { type: "table", columns, rows, truncated: false });
  const read = await readParquet(file!.path, {
    columns: columns.map(({ name }) => name),
    offset: 0,
    limit: rows.length,
  });
  rmSync(file!.path);
  return rowsOf(columns, read);
}

it("keeps sparse rows of an API, each missing field as null and every value as it came", async () => {
  const rows = [
    { id: 1, name: "a", tags: ["x"], seen: "2024-03-01T10:00:00+02:00", extra: { deep: [1, { e: null }] } },
    { id: "B-2", name: 42, score: 1.5 },
    { id: 3, score: "N/A", seen: "2024-03-01T08:00:00.000Z" },
  ];
  const columns = fieldsOf(rows);
  expect(await roundTrip(columns, rows)).toEqual(
    rows.map((row) =>
      Object.fromEntries(
        columns.map(({ name }) => [name, name in row ? row[name as keyof typeof row] : null]),
      ),
    ),
  );
});

it("keeps a declared type's values typed, and a value that does not fit its declared type as it was", async () => {
  const columns: OutputField[] = [
    { name: "n", type: "integer", description: "" },
    { name: "x", type: "number", description: "" },
    { name: "day", type: "date", description: "" },
    { name: "at", type: "datetime", description: "" },
  ];
  const rows = [
    { n: 9007199254740991, x: 0.1, day: "2024-02-29", at: "2024-03-01T10:11:12.345Z" },
    { n: "9007199254740993", x: -1e-7, day: null, at: null },
  ];
  expect(await roundTrip(columns, rows)).toEqual(rows);
});
