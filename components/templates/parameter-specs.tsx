"use client";
import { ChipsInput, inputClass, ParameterInput } from "@/components/ui/fields";
import type { ParameterSpec } from "@/lib/templates/types";
import { valueTypes } from "@/lib/value-types";

const numeric = new Set<ParameterSpec["type"]>(["number", "integer", "number[]", "integer[]"]);
const textual = new Set<ParameterSpec["type"]>(["string", "string[]"]);

/**
 * The values a preview runs with: exactly what the "Preview with" fields show — the value typed,
 * else the default; a field the user cleared has none.
 */
export function previewValues(parameters: ParameterSpec[], values: Record<string, unknown>) {
  return Object.fromEntries(
    parameters
      .map((spec) => [spec.name, spec.name in values ? values[spec.name] : spec.default] as const)
      .filter(([, value]) => value !== undefined),
  );
}

/** One end of a number parameter's range, as typed: empty (or not a number) is none. */
function BoundInput({
  spec,
  which,
  onChange,
}: {
  spec: ParameterSpec;
  which: "min" | "max";
  onChange: (patch: Partial<ParameterSpec>) => void;
}) {
  return (
    <input
      type="number"
      aria-label={`${which === "min" ? "Minimum" : "Maximum"} of ${spec.name}`}
      placeholder={which}
      value={spec[which] ?? ""}
      onChange={({ target: { value } }) =>
        onChange({ [which]: value.trim() === "" || Number.isNaN(Number(value)) ? undefined : Number(value) })
      }
      className={inputClass}
    />
  );
}

/**
 * A template's parameters as the author edits them: type, description, required, default, allowed
 * values (text) or range (numbers), and a value to preview with.
 */
export function ParameterSpecs({
  parameters,
  onChange,
  values,
  onValuesChange,
  emptyHint,
}: {
  parameters: ParameterSpec[];
  onChange: (parameters: ParameterSpec[]) => void;
  values: Record<string, unknown>;
  onValuesChange: (values: Record<string, unknown>) => void;
  emptyHint: string;
}) {
  const edit = (name: string, patch: Partial<ParameterSpec>) =>
    onChange(parameters.map((spec) => (spec.name === name ? { ...spec, ...patch } : spec)));
  return (
    <section aria-label="Parameters">
      <h2 className="font-semibold">Parameters</h2>
      {parameters.length === 0 && <p className="text-slate-500">{emptyHint}</p>}
      <ul className="mt-2 space-y-3">
        {parameters.map((spec) => (
          <li key={spec.name} className="rounded-md border border-slate-200 p-2">
            <div className="flex items-center justify-between gap-2">
              <span className="font-mono font-medium">{spec.name}</span>
              <select
                aria-label={`Type of ${spec.name}`}
                value={spec.type}
                onChange={(event) =>
                  edit(spec.name, {
                    type: event.target.value as ParameterSpec["type"],
                    default: undefined,
                    enum: undefined,
                    min: undefined,
                    max: undefined,
                  })
                }
                className="rounded border border-slate-300 px-1 py-0.5 text-xs"
              >
                {valueTypes.map((type) => (
                  <option key={type} value={type}>
                    {type}
                  </option>
                ))}
              </select>
            </div>
            <input
              aria-label={`Description of ${spec.name}`}
              placeholder="What it means"
              value={spec.description}
              onChange={(event) => edit(spec.name, { description: event.target.value })}
              className={`${inputClass} mt-1`}
            />
            <div className="mt-1 grid grid-cols-[5rem_minmax(0,1fr)] items-center gap-x-2 gap-y-1 text-xs">
              <label className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={spec.required}
                  onChange={(event) => edit(spec.name, { required: event.target.checked })}
                />
                required
              </label>
              <span />
              {textual.has(spec.type) && (
                <>
                  <span className="text-slate-500">Allowed</span>
                  <ChipsInput
                    label={`Allowed values of ${spec.name}`}
                    values={spec.enum ?? []}
                    onChange={(allowed) =>
                      edit(spec.name, { enum: allowed.length ? allowed.map(String) : undefined })
                    }
                  />
                </>
              )}
              {numeric.has(spec.type) && (
                <>
                  <span className="text-slate-500">Range</span>
                  <span className="flex items-center gap-1">
                    <BoundInput spec={spec} which="min" onChange={(patch) => edit(spec.name, patch)} />
                    –
                    <BoundInput spec={spec} which="max" onChange={(patch) => edit(spec.name, patch)} />
                  </span>
                </>
              )}
              <span className="text-slate-500">Default</span>
              <ParameterInput
                spec={spec}
                label={`Default of ${spec.name}`}
                placeholder="default"
                value={spec.default}
                onChange={(value) => edit(spec.name, { default: value })}
              />
              <span className="text-slate-500">Preview with</span>
              <ParameterInput
                spec={spec}
                label={`Preview value of ${spec.name}`}
                placeholder="value for the preview"
                value={previewValues([spec], values)[spec.name]}
                onChange={(value) => onValuesChange({ ...values, [spec.name]: value })}
              />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
