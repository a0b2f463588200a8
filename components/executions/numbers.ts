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
