// The column types a user may choose for an uploaded file's columns, and the SQL that reads a
// column's text as one: a value that does not read exactly (1.5 as an integer, "Foo 32" as a date)
// is counted and shown, never rounded, guessed or dropped. Used by the upload process.
import { literal, quoted } from "./upload-csv.mjs";

/** DuckDB's type for each type a user may choose (lib/data-sources/schema.ts lists the same names). */
const DUCKDB_TYPES = {
  text: "VARCHAR",
  integer: "BIGINT",
  number: "DOUBLE",
  boolean: "BOOLEAN",
  date: "DATE",
  timestamp: "TIMESTAMP",
};

/** Dates written with a month's name, or year first with slashes: none of them is ambiguous. */
const DATE_FORMATS = ["%b %d %Y", "%b %d, %Y", "%B %d %Y", "%B %d, %Y", "%d %b %Y", "%d %B %Y", "%Y/%m/%d"];
const formats = `[${DATE_FORMATS.map(literal).join(", ")}]`;

/** ISO dates and timestamps, the only ones cast as they are: DuckDB's cast reads "3/4/24" as 0003-04-24. */
const ISO_DATE = "'[0-9]{4}-[0-9]{2}-[0-9]{2}'";
const ISO_TIMESTAMP = "'[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)?'";

/**
 * Significant digits a double holds exactly: a number written with more ("12345678901234567890", an
 * id) would be loaded as another number.
 */
export const DOUBLE_DIGITS = 15;

/** SQL: how many significant digits the number written in `text` has. */
export const significantDigits = (text) =>
  `length(trim(regexp_replace(split_part(lower(${text}), 'e', 1), '[^0-9]', '', 'g'), '0'))`;

/** SQL reading the text `value` as `type`: NULL where it is empty or does not read as one exactly. */
function readAs(value, type) {
  const text = `NULLIF(trim(${value}), '')`;
  switch (type) {
    case "text":
      return value;
    // DuckDB's own cast rounds "1.5" to 2.
    case "integer":
      return `CASE WHEN regexp_full_match(${text}, '[+-]?[0-9]+') THEN TRY_CAST(${text} AS BIGINT) END`;
    case "number":
      return `CASE WHEN ${significantDigits(text)} <= ${DOUBLE_DIGITS} THEN TRY_CAST(${text} AS DOUBLE) END`;
    case "date":
      return `COALESCE(CASE WHEN regexp_full_match(${text}, ${ISO_DATE}) THEN TRY_CAST(${text} AS DATE) END, TRY_STRPTIME(${text}, ${formats})::DATE)`;
    case "timestamp":
      return `COALESCE(CASE WHEN regexp_full_match(${text}, ${ISO_TIMESTAMP}) THEN TRY_CAST(${text} AS TIMESTAMP) END, TRY_STRPTIME(${text}, ${formats}))`;
    default:
      return `TRY_CAST(${text} AS ${DUCKDB_TYPES[type]})`;
  }
}

/** The file's rows with the chosen columns read as their types, the others as DuckDB typed them. */
export function typedSelect(from, types) {
  const chosen = Object.entries(types);
  if (chosen.length === 0) return `SELECT * FROM ${from}`;
  const replaced = chosen.map(
    ([name, type]) => `${readAs(`CAST(${quoted(name)} AS VARCHAR)`, type)} AS ${quoted(name)}`,
  );
  return `SELECT * REPLACE (${replaced.join(", ")}) FROM ${from}`;
}

/**
 * How many rows the file has, and for each chosen column how many of its values do not read as its
 * type, with one of them: one pass over the file.
 */
export async function typeProblems(connection, from, types) {
  const checks = Object.entries(types)
    .filter(([, type]) => type !== "text")
    .map(([name, type], index) => {
      const text = `CAST(${quoted(name)} AS VARCHAR)`;
      const fails = `NULLIF(trim(${text}), '') IS NOT NULL AND (${readAs(text, type)}) IS NULL`;
      return `count(*) FILTER (WHERE ${fails})::BIGINT AS n${index}, any_value(${text}) FILTER (WHERE ${fails}) AS e${index}`;
    });
  const reader = await connection.runAndReadAll(
    `SELECT count(*)::BIGINT AS rows${checks.map((check) => `, ${check}`).join("")} FROM ${from}`,
  );
  const [counts] = reader.getRowObjectsJson();
  const problems = Object.entries(types)
    .filter(([, type]) => type !== "text")
    .map(([column, type], index) => ({
      column,
      type,
      values: Number(counts[`n${index}`]),
      example: counts[`e${index}`],
    }))
    .filter((problem) => problem.values > 0)
    .map((problem) => ({ ...problem, example: String(problem.example).slice(0, 100) }));
  return { rows: Number(counts.rows), problems };
}
