"use client";
import { inputClass } from "@/components/ui/fields";
import { defaultChart } from "@/lib/templates/default-chart";
import type { ChartConfig } from "@/lib/templates/types";
import type { OutputField } from "@/lib/value-types";

/** The chart a result of this template opens with: a type, the x column, the y columns. */
export function ChartPicker({
  outputs,
  value,
  onChange,
}: {
  outputs: OutputField[];
  value: ChartConfig | null;
  onChange: (value: ChartConfig | null) => void;
}) {
  const numeric = outputs.filter((output) => output.type === "number" || output.type === "integer");
  return (
    <section aria-label="Default chart">
      <h2 className="font-semibold">Default chart</h2>
      <div className="mt-1 grid grid-cols-2 gap-2">
        <select
          aria-label="Chart type"
          value={value?.type ?? ""}
          onChange={(event) =>
            onChange(
              event.target.value
                ? value
                  ? { ...value, type: event.target.value as ChartConfig["type"] }
                  : (defaultChart(outputs, event.target.value as ChartConfig["type"]) ?? {
                      type: event.target.value as ChartConfig["type"],
                      x: outputs[0]?.name ?? "",
                      y: [outputs[0]?.name ?? ""],
                    })
                : null,
            )
          }
          className={inputClass}
        >
          <option value="">none</option>
          {["bar", "line", "area", "pie"].map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
        {value && (
          <select
            aria-label="Chart x"
            value={value.x}
            onChange={(event) => onChange({ ...value, x: event.target.value })}
            className={inputClass}
          >
            {outputs.map((output) => (
              <option key={output.name} value={output.name}>
                x: {output.name}
              </option>
            ))}
          </select>
        )}
      </div>
      {value && (
        <fieldset className="mt-1 flex flex-wrap gap-2 text-xs" aria-label="Chart y">
          {numeric.map((output) => (
            <label key={output.name} className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={value.y.includes(output.name)}
                onChange={(event) => {
                  const y = event.target.checked
                    ? [...value.y, output.name]
                    : value.y.filter((name) => name !== output.name);
                  if (y.length) onChange({ ...value, y });
                }}
              />
              {output.name}
            </label>
          ))}
        </fieldset>
      )}
    </section>
  );
}
