/**
 * `{{global.name}}` in a node's parameter override: the one definition of how an override names
 * the composition's global parameters, for validation and for the engine alike.
 */
const GLOBAL_REFERENCE = /\{\{\s*global\.([A-Za-z0-9_]+)\s*\}\}/g;
const ONLY_GLOBAL_REFERENCE = /^\{\{\s*global\.([A-Za-z0-9_]+)\s*\}\}$/;

/** The globals a text refers to, in order. */
export function globalReferences(text: string): string[] {
  return [...text.matchAll(GLOBAL_REFERENCE)].map((match) => match[1]!);
}

/** The global a text is exactly a reference to (its value then keeps its type), or null. */
export function wholeGlobalReference(text: string): string | null {
  return text.match(ONLY_GLOBAL_REFERENCE)?.[1] ?? null;
}

/** `{{global.name}}` alone is that global's value; inside text it is inserted as text. */
export function interpolateGlobals(value: unknown, globals: Record<string, unknown>): unknown {
  if (typeof value !== "string") return value;
  const whole = wholeGlobalReference(value);
  if (whole) return globals[whole];
  return value.replace(GLOBAL_REFERENCE, (_, name: string) => String(globals[name] ?? ""));
}
