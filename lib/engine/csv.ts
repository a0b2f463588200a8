/** Characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field. A string that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `@SUM(…)`) gets
 * a leading `'`, OWASP's neutralisation, so opening an export never runs what a query returned.
 * Numbers are written as they are: -5 is data, not a formula. A missing value (null) is an empty
 * field, an empty string `""`.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  // Quoted, so that an empty string reads back apart from a missing value (an empty field).
  if (value === "") return '""';
  let text = typeof value === "object" ? JSON.stringify(value) : String(value);
  if (typeof value !== "number" && typeof value !== "bigint" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * A JSON result as CSV rows: an object is one row of its keys, an array of objects one row each under
 * the union of their keys; anything else — a bare value, null, an array of values or of arrays — is
 * one column `value`, a row per element, so nothing is dropped and no header is made up.
 */
export function jsonAsTable(value: unknown): { columns: string[]; rows: unknown[][] } {
  const items = Array.isArray(value) ? value : [value];
  if (items.length > 0 && items.every(isRecord)) {
    const columns = [...new Set(items.flatMap((item) => Object.keys(item)))];
    return { columns, rows: items.map((item) => columns.map((column) => item[column])) };
  }
  return { columns: ["value"], rows: items.map((item) => [item]) };
}
