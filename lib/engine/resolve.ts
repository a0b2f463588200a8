import { interpolateGlobals, type ParameterSource, parameterSource } from "@/lib/compositions/parameters";
import type { TransformationRule } from "@/lib/compositions/schema";
import type { ParameterSpec } from "@/lib/templates/types";

export interface ResolvedParameters {
  values: Record<string, unknown>;
  /** Where each value came from, stored with the node execution and shown in the Input tab. */
  sources: Record<string, { source: ParameterSource; from?: string }>;
}

/** Turns a source field's values (one per upstream row) into one parameter value. */
export function applyRule(rule: TransformationRule, values: unknown[]): unknown {
  const present = values.filter((value) => value !== null && value !== undefined);
  switch (rule) {
    case "first":
      return values[0] ?? null;
    case "collect":
      return present;
    case "distinct":
      return [...new Map(present.map((value) => [JSON.stringify(value), value])).values()];
    case "count":
      return present.length;
    case "sum":
      return present.reduce<number>((total, value) => total + Number(value), 0);
    case "min":
    case "max": {
      // Numbers, ISO dates and strings all order correctly with < and >.
      let best: unknown = null;
      for (const value of present) {
        if (
          best === null ||
          (rule === "min" ? (value as number) < (best as number) : (value as number) > (best as number))
        )
          best = value;
      }
      return best;
    }
    case "join":
      return present.map(String).join(",");
  }
}

/** The value at a dotted path (`result.book_id`) of a JSON value. */
export function valueAtPath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** No value at all: what a mapping gives when its upstream returned no rows (or none with the field). */
export const isNoValue = (value: unknown) =>
  value === null || value === undefined || (Array.isArray(value) && value.length === 0);

/**
 * A node's parameter values, each from where `parameterSource` says (DESIGN §3). A run parameter is
 * the value of the global of that name for the run, `{{global.name}}` references included.
 */
export function resolveParameters(input: {
  specs: ParameterSpec[];
  mapped: Record<string, { value: unknown; from: string }>;
  overrides: Record<string, unknown>;
  runParameters: Record<string, unknown>;
  globals: Record<string, unknown>;
}): ResolvedParameters {
  const resolved: ResolvedParameters = { values: {}, sources: {} };
  const set = (name: string, value: unknown, source: ParameterSource, from?: string) => {
    resolved.values[name] = value;
    resolved.sources[name] = from ? { source, from } : { source };
  };
  const mapped = new Set(Object.keys(input.mapped));
  const globals = { ...input.globals };
  for (const name of Object.keys(globals))
    if (name in input.runParameters) globals[name] = input.runParameters[name];
  for (const spec of input.specs) {
    const { name } = spec;
    const source = parameterSource(spec, { ...input, mapped });
    if (source === "mapping") set(name, input.mapped[name]!.value, source, input.mapped[name]!.from);
    else if (source === "override") set(name, interpolateGlobals(input.overrides[name], globals), source);
    else if (source === "run") set(name, input.runParameters[name], source);
    else if (source === "global") set(name, globals[name], source);
    else if (source === "default") set(name, spec.default, source);
  }
  return resolved;
}
