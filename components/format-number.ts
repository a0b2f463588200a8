/**
 * A number as people expect to read it: fractions to 15 significant digits, which drops binary
 * floating-point noise (a sum of 835236.42 computed as 835236.4199999997) without changing any value
 * a person or a database wrote. For display only; exports keep the exact value.
 */
export function tidyNumber(value: number): number {
  return Number.isInteger(value) || !Number.isFinite(value) ? value : Number(value.toPrecision(15));
}

const tidied = (_key: string, item: unknown) => (typeof item === "number" ? tidyNumber(item) : item);

/** JSON for reading: pretty-printed, numbers tidied. */
export function readableJson(value: unknown): string {
  return JSON.stringify(value, tidied, 2) ?? "null";
}

/** JSON on one line for reading (a node's inputs), numbers tidied. */
export function compactJson(value: unknown): string {
  return JSON.stringify(value, tidied) ?? "null";
}

/**
 * Integers that are labels, not quantities: years, ids, codes and date parts, by their column's
 * name. Grouping them ("2,015", "10,482") reads as an amount.
 */
const LABEL_COLUMN = /(^|_)(year|yr|id|code|zip|postcode|month|day|week|quarter|hour|minute|number|no)s?$/i;

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 6 });
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });

/**
 * A value as the reader's locale writes it — the one formatter of the table, the chart's tooltip and
 * axis, and the preview: numbers grouped (12,345.6) and tidied (93, not 92.99999999999999), except
 * integers of a label column (`year`, `customer_id`: 2015, 10482); dates as dates (30 Nov 2026; a
 * date has no zone, so it is shown as written). CSV and the API keep the exact value.
 */
export function cellText(value: unknown, type: string, column = ""): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (Number.isInteger(value) && LABEL_COLUMN.test(column)) return String(value);
    return numberFormat.format(tidyNumber(value));
  }
  if (type === "date" && typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return dateFormat.format(new Date(`${value}T00:00:00Z`));
  }
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
