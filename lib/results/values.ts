import type { OutputField, ValueType } from "@/lib/value-types";

/**
 * A value read back from a result's Parquet file (DuckDB's JSON form) as the executor gave it:
 * BIGINT and DECIMAL come as text, timestamps as `YYYY-MM-DD HH:MM:SS`, a JSON column's values as
 * their text (a column of JSON type, or one stored as JSON because not all its values fit its type).
 */
export function storedValue(value: unknown, type: ValueType, storedAs: string): unknown {
  if (value === null || value === undefined) return null;
  if (storedAs === "JSON") return typeof value === "string" ? JSON.parse(value) : value;
  switch (type) {
    case "integer":
    case "number":
      return typeof value === "string" ? Number(value) : value;
    case "integer[]":
    case "number[]":
      return Array.isArray(value) ? value.map((item) => (item === null ? null : Number(item))) : value;
    case "datetime":
      return typeof value === "string" ? new Date(`${value.replace(" ", "T")}Z`).toISOString() : value;
    default:
      return value;
  }
}

/** Rows as arrays of DuckDB's JSON values, in `columns`' order → rows as objects of stored values. */
export function rowsOf(
  columns: OutputField[],
  read: { types: string[]; rows: unknown[][] },
): Record<string, unknown>[] {
  return read.rows.map((row) =>
    Object.fromEntries(
      columns.map(({ name, type }, index) => [name, storedValue(row[index], type, read.types[index]!)]),
    ),
  );
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a non-null value is stored exactly in a column of the type (and reads back the same). */
function fitter(type: ValueType): (value: unknown) => boolean {
  switch (type) {
    case "string":
      return (value) => typeof value === "string";
    case "number":
      return (value) => typeof value === "number" && Number.isFinite(value);
    case "integer":
      // PostgreSQL's bigint[] comes as digits: stored as the numbers they are, when exact.
      return (value) =>
        Number.isSafeInteger(value) ||
        (typeof value === "string" && /^-?(0|[1-9]\d*)$/.test(value) && Number.isSafeInteger(Number(value)));
    case "boolean":
      return (value) => typeof value === "boolean";
    case "date":
      return (value) => typeof value === "string" && ISO_DATE.test(value);
    case "datetime":
      // Read back in ISO form with milliseconds and Z, as the PostgreSQL driver gives timestamps.
      return (value) =>
        value instanceof Date
          ? !Number.isNaN(value.getTime())
          : typeof value === "string" &&
            !Number.isNaN(Date.parse(value)) &&
            new Date(value).toISOString() === value;
    case "json":
      return () => true;
    case "string[]":
    case "number[]":
    case "integer[]": {
      const item = fitter(type.slice(0, -2) as ValueType);
      return (value) => Array.isArray(value) && value.every((entry) => entry === null || item(entry));
    }
  }
}

/**
 * The DuckDB type each column is stored as: its declared type where every value fits it, JSON
 * otherwise (a number in a text column, a timestamp with an offset, "N/A" in a number column), so
 * that every value reads back as it was given and none is refused or turned into something else.
 */
export function storageTypes(
  columns: OutputField[],
  rows: Record<string, unknown>[],
  declared: (type: ValueType) => string,
): string[] {
  return columns.map(({ name, type }) => {
    const fits = fitter(type);
    for (const row of rows) {
      const value = row[name];
      if (value !== null && value !== undefined && !fits(value)) return "JSON";
    }
    return declared(type);
  });
}
