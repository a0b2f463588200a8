import type { OutputField, ValueType } from "@/lib/value-types";

/**
 * A value read back from a result's Parquet file (DuckDB's JSON form) as the executor gave it:
 * BIGINT and DECIMAL come as text, timestamps as `YYYY-MM-DD HH:MM:SS`, JSON columns as their text.
 */
export function storedValue(value: unknown, type: ValueType): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "integer":
    case "number":
      return typeof value === "string" ? Number(value) : value;
    case "integer[]":
    case "number[]":
      return Array.isArray(value) ? value.map((item) => (item === null ? null : Number(item))) : value;
    case "datetime":
      return typeof value === "string" ? new Date(`${value.replace(" ", "T")}Z`).toISOString() : value;
    case "json":
      return typeof value === "string" ? JSON.parse(value) : value;
    default:
      return value;
  }
}

/** Rows as arrays of DuckDB's JSON values, in `columns`' order → rows as objects of stored values. */
export function rowsOf(columns: OutputField[], values: unknown[][]): Record<string, unknown>[] {
  return values.map((row) =>
    Object.fromEntries(columns.map(({ name, type }, index) => [name, storedValue(row[index], type)])),
  );
}
