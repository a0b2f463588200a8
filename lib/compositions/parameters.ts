/**
 * A node parameter's values and where each comes from: the one definition of the precedence and of
 * `{{global.name}}` references, for validation (at save) and the engine (at run) alike.
 */

export type ParameterSource = "mapping" | "override" | "run" | "global" | "default";

/**
 * Where a parameter's value comes from, highest first: a mapping from an upstream node → the node's
 * override → the run's parameters → the composition's globals (those with a value) → the template
 * default; null when nothing gives it one.
 */
export function parameterSource(
  spec: { name: string; default?: unknown },
  from: {
    mapped: { has(name: string): boolean };
    overrides: Record<string, unknown>;
    runParameters: Record<string, unknown>;
    globals: Record<string, unknown>;
  },
): ParameterSource | null {
  const { name } = spec;
  if (from.mapped.has(name)) return "mapping";
  if (name in from.overrides) return "override";
  if (name in from.runParameters) return "run";
  // A global with no value (null) falls through to the template default.
  if (name in from.globals && from.globals[name] !== null) return "global";
  if (spec.default !== undefined) return "default";
  return null;
}

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
