/** Characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field. A string that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `@SUM(…)`) gets
 * a leading `'`, OWASP's neutralisation, so opening an export never runs what a query returned.
 * Numbers are written as they are: -5 is data, not a formula.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "object" ? JSON.stringify(value) : String(value);
  if (typeof value !== "number" && typeof value !== "bigint" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
