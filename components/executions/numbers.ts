/**
 * A number as people expect to read it: fractions to 15 significant digits, which drops binary
 * floating-point noise (a sum of 835236.42 computed as 835236.4199999997) without changing any value
 * a person or a database wrote. For display only; exports keep the exact value.
 */
export function tidyNumber(value: number): number {
  return Number.isInteger(value) || !Number.isFinite(value) ? value : Number(value.toPrecision(15));
}

/** JSON for reading: pretty-printed, numbers tidied. */
export function readableJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, item) => (typeof item === "number" ? tidyNumber(item) : item), 2) ?? "null"
  );
}

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 6 });
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });

/**
 * A result cell as the reader's locale writes it: numbers grouped (12,345.6), dates as dates
 * (30 Nov 2026; a date has no zone, so it is shown as written). The exact value goes in the title.
 */
export function cellText(value: unknown, type: string): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return numberFormat.format(tidyNumber(value));
  if (type === "date" && typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return dateFormat.format(new Date(`${value}T00:00:00Z`));
  }
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
