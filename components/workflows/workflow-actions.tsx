"use client";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { Dialog } from "@/components/ui/dialog";
import { FormFooter } from "@/components/ui/form-footer";
import { useWorkflowChanges } from "@/lib/queries/workflows";
import type { TemplateResponse } from "@/lib/templates/schema";
import type { WorkflowResponse } from "@/lib/workflows/service";
import { useWorkflowForm, WorkflowFields } from "./workflow-fields";

/** "Edit…" (name and saved parameters) and "Delete" for a workflow's page. */
export function WorkflowActions({
  workflow,
  template,
}: {
  workflow: WorkflowResponse;
  template: TemplateResponse;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useWorkflowForm(workflow);
  const { save, remove } = useWorkflowChanges(workflow.id);
  const removeAndLeave = () => remove.mutate(undefined, { onSuccess: () => router.push("/workflows") });

  function submit(event: FormEvent) {
    event.preventDefault();
    const done = () => {
      setOpen(false);
      router.refresh();
    };
    save.mutate({ name: form.name, parameters: form.parameters }, { onSuccess: done });
  }

  return (
    <>
      <Button
        onClick={() => {
          save.reset();
          setOpen(true);
        }}
      >
        Edit…
      </Button>
      <ConfirmDelete
        name={workflow.name}
        onConfirm={removeAndLeave}
        alsoGone=", its runs and its schedules"
      />
      {remove.error && (
        <p role="alert" className="basis-full text-right text-xs text-red-700">
          {remove.error.message}
        </p>
      )}
      <Dialog open={open} onOpenChange={setOpen} label="Edit workflow" heading={`Edit ${workflow.name}`}>
        <form onSubmit={submit} className="mt-3 space-y-3 text-left text-sm">
          <WorkflowFields template={template} form={form} />
          <FormFooter
            error={save.error?.message ?? null}
            pending={save.isPending}
            submitLabel="Save"
            onCancel={() => setOpen(false)}
          />
        </form>
      </Dialog>
    </>
  );
}
