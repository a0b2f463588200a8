"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";
import { ParameterInput } from "@/components/editor/fields";
import { FormFooter } from "@/components/form-footer";
import { apiFetch } from "@/lib/queries/fetch-client";
import type { TemplateResponse } from "@/lib/templates/service";

/**
 * "Run…" on a template: its parameters as a form, saved as a standalone workflow and run at once;
 * the workflow's page then shows the run, its result, and lets it run again or on a schedule.
 */
export function NewWorkflowDialog({ template }: { template: TemplateResponse }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(template.name);
  // Defaults filled in, so they are visible and editable (a date input cannot show a placeholder).
  const [parameters, setParameters] = useState<Record<string, unknown>>(() =>
    Object.fromEntries(
      template.parameters
        .filter((spec) => spec.default !== undefined)
        .map((spec) => [spec.name, spec.default]),
    ),
  );

  const save = useMutation({
    mutationFn: async () => {
      const workflow = await apiFetch<{ id: string }>("/api/workflows", {
        method: "POST",
        body: JSON.stringify({ name, templateId: template.templateId, parameters }),
      });
      await apiFetch(`/api/workflows/${workflow.id}/executions`, {
        method: "POST",
        headers: { "x-queryflow-client": "web" },
      });
      return workflow;
    },
    onSuccess: (workflow) => router.push(`/workflows/${workflow.id}`),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <>
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        className="rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium hover:bg-slate-50"
      >
        Run…
      </button>
      <dialog
        ref={dialog}
        aria-label={`Run ${template.name}`}
        className="m-auto w-full max-w-md rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <form onSubmit={submit} className="space-y-3 p-6 text-sm">
          <h2 className="text-lg font-semibold">Run {template.name}</h2>
          <p className="text-xs text-slate-600">
            Saved as a workflow of your own, so you can run it again or put it on a schedule.
          </p>
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
          <FormFooter
            error={save.error?.message ?? null}
            // Still busy once saved: the workflow's page is opening.
            pending={save.isPending || save.isSuccess}
            submitLabel="Save and run"
            onCancel={() => dialog.current?.close()}
          />
        </form>
      </dialog>
    </>
  );
}
