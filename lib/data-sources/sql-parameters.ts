/** `:name` placeholders of a SQL template (not `::casts`), in the order they first appear. */
const PLACEHOLDER = /(?<!:):([a-z_][a-z0-9_]*)/g;

export function parameterNames(sql: string): string[] {
  return [...new Set([...sql.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
}

/** `:name` placeholders become `$n`; every value is bound, none is interpolated. Lines stay where they were. */
export function toPositional(
  sql: string,
  params: Record<string, unknown>,
): { text: string; values: unknown[] } {
  const order = parameterNames(sql);
  const text = sql.replace(PLACEHOLDER, (_, name: string) => `$${order.indexOf(name) + 1}`);
  return { text, values: order.map((name) => params[name] ?? null) };
}
