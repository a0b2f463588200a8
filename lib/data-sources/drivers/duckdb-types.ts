import type { OutputField, ValueType } from "@/lib/value-types";

/** The DuckDB column type a value of each of QueryFlow's types is loaded as. */
const duckDbTypes: Record<ValueType, string> = {
  string: "VARCHAR",
  number: "DOUBLE",
  integer: "BIGINT",
  boolean: "BOOLEAN",
  date: "DATE",
  // UTC, as the PostgreSQL driver gives timestamps (ISO text with Z); DuckDB reads them as such.
  datetime: "TIMESTAMP",
  json: "JSON",
  "string[]": "VARCHAR[]",
  "number[]": "DOUBLE[]",
  "integer[]": "BIGINT[]",
};

/** The DuckDB type a value of this type is loaded as. */
export const duckDbType = (type: ValueType) => duckDbTypes[type];

/** Columns as DuckDB declares them. */
export const duckDbColumns = (columns: OutputField[]) =>
  columns.map(({ name, type }) => ({ name, type: duckDbTypes[type] }));
