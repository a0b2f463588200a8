"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";
import { ConfirmDelete } from "@/components/compositions/confirm-delete";
import { FormFooter } from "@/components/form-footer";
import { apiFetch } from "@/lib/queries/fetch-client";
import type { TemplateResponse } from "@/lib/templates/service";
import type { WorkflowResponse } from "@/lib/workflows/service";
import { WorkflowFields } from "./workflow-fields";

/** "Edit…" (name and saved parameters) and "Delete" for a workflow's page. */
export function WorkflowActions({
  workflow,
  template,
}: {
  workflow: WorkflowResponse;
  template: TemplateResponse;
}) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(workflow.name);
  const [parameters, setParameters] = useState(workflow.parameters);
  const save = useMutation({
    mutationFn: () =>
      apiFetch(`/api/workflows/${workflow.id}`, {
        method: "PATCH",
        body: JSON.stringify({ name, parameters }),
      }),
    onSuccess: () => {
      dialog.current?.close();
      router.refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => apiFetch(`/api/workflows/${workflow.id}`, { method: "DELETE" }),
    onSuccess: () => router.push("/workflows"),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <>
      <button
        type="button"
        onClick={() => {
          save.reset();
          dialog.current?.showModal();
        }}
        className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm hover:bg-slate-50"
      >
        Edit…
      </button>
      <ConfirmDelete
        name={workflow.name}
        onConfirm={() => remove.mutate()}
        alsoGone=", its runs and its schedules"
      />
      {remove.error && (
        <p role="alert" className="basis-full text-right text-xs text-red-700">
          {remove.error.message}
        </p>
      )}
      <dialog
        ref={dialog}
        aria-label="Edit workflow"
        className="m-auto w-full max-w-md rounded-xl p-0 text-left shadow-xl backdrop:bg-slate-900/40"
      >
        <form onSubmit={submit} className="space-y-3 p-6 text-sm">
          <h2 className="text-lg font-semibold">Edit {workflow.name}</h2>
          <WorkflowFields
            template={template}
            name={name}
            onName={setName}
            parameters={parameters}
            onParameters={setParameters}
          />
          <FormFooter
            error={save.error?.message ?? null}
            pending={save.isPending}
            submitLabel="Save"
            onCancel={() => dialog.current?.close()}
          />
        </form>
      </dialog>
    </>
  );
}
