"use client";
import { ParameterInput } from "@/components/ui/fields";
import type { TemplateResponse } from "@/lib/templates/schema";

/** A workflow's name and its template's parameters as a form (new workflow and edit alike). */
export function WorkflowFields({
  template,
  name,
  onName,
  parameters,
  onParameters,
}: {
  template: TemplateResponse;
  name: string;
  onName: (name: string) => void;
  parameters: Record<string, unknown>;
  onParameters: (parameters: Record<string, unknown>) => void;
}) {
  return (
    <>
      <label className="block">
        Workflow name
        <input
          value={name}
          onChange={(event) => onName(event.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5"
        />
      </label>
      {template.parameters.map((spec) => (
        <div key={spec.name}>
          <span className="font-mono text-xs font-medium">
            {spec.name}
            {spec.required && spec.default === undefined && <span className="text-red-600"> *</span>}
          </span>
          <ParameterInput
            spec={spec}
            value={parameters[spec.name]}
            placeholder={spec.default === undefined ? "" : `default: ${JSON.stringify(spec.default)}`}
            onChange={(value) => {
              const { [spec.name]: _, ...rest } = parameters;
              onParameters(value === undefined ? rest : { ...rest, [spec.name]: value });
            }}
          />
        </div>
      ))}
    </>
  );
}
