"use client";
import { useState } from "react";
import { ParameterInput } from "@/components/ui/fields";
import type { TemplateResponse } from "@/lib/templates/schema";

type ParameterValues = Record<string, unknown>;

/** The state of a workflow's form: its name and parameters, starting from these. */
export function useWorkflowForm(initial: { name: string; parameters: ParameterValues }) {
  const [name, setName] = useState(initial.name);
  const [parameters, setParameters] = useState(initial.parameters);
  return { name, setName, parameters, setParameters };
}

/** A workflow's name and its template's parameters as a form (new workflow and edit alike). */
export function WorkflowFields({
  template,
  form: { name, setName, parameters, setParameters },
}: {
  template: TemplateResponse;
  form: ReturnType<typeof useWorkflowForm>;
}) {
  return (
    <>
      <label className="block">
        Workflow name
        <input
          value={name}
          onChange={(event) => setName(event.target.value)}
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
              setParameters(value === undefined ? rest : { ...rest, [spec.name]: value });
            }}
          />
        </div>
      ))}
    </>
  );
}
