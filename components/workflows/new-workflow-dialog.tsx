"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormFooter } from "@/components/ui/form-footer";
import { useCreateAndRunWorkflow, useRunWorkflow, useWorkflowsOf } from "@/lib/queries/workflows";
import type { TemplateResponse } from "@/lib/templates/schema";
import { useWorkflowForm, WorkflowFields } from "./workflow-fields";

/**
 * "Run…" on a template: its parameters as a form, saved as a standalone workflow and run at once;
 * the workflow's page then shows the run, its result, and lets it run again or on a schedule.
 */
export function NewWorkflowDialog({ template }: { template: TemplateResponse }) {
  const router = useRouter();
  const form = useWorkflowForm({
    name: template.name,
    // Defaults filled in, so they are visible and editable (a date input cannot show a placeholder).
    parameters: Object.fromEntries(
      template.parameters
        .filter((spec) => spec.default !== undefined)
        .map((spec) => [spec.name, spec.default]),
    ),
  });

  const [open, setOpen] = useState(false);
  // Running a template again should not make a duplicate: offer the workflows already made of it.
  const existing = useWorkflowsOf(template.templateId, open);
  const runAgain = useRunWorkflow();
  const runAgainAndOpen = (workflowId: string) =>
    runAgain.mutate(workflowId, { onSuccess: () => router.push(`/workflows/${workflowId}`) });
  const save = useCreateAndRunWorkflow();

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(
      { name: form.name, templateId: template.templateId, parameters: form.parameters },
      { onSuccess: (workflow) => router.push(`/workflows/${workflow.id}`) },
    );
  }

  return (
    <>
      <Button size="sm" className="font-medium" onClick={() => setOpen(true)}>
        Run…
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        label={`Run ${template.name}`}
        heading={`Run ${template.name}`}
      >
        <form onSubmit={submit} className="mt-3 space-y-3 text-sm">
          {existing.data && existing.data.length > 0 && (
            <section aria-label="Your workflows of this template" className="rounded-md bg-indigo-50 p-3">
              <p className="text-xs text-slate-700">You already have a workflow of this template:</p>
              <ul className="mt-1 space-y-1">
                {existing.data.slice(0, 5).map((workflow) => (
                  <li key={workflow.id} className="flex items-center justify-between gap-2">
                    <Link href={`/workflows/${workflow.id}`} className="truncate font-medium hover:underline">
                      {workflow.name}
                    </Link>
                    <Button
                      variant="primary"
                      size="sm"
                      className="shrink-0"
                      disabled={runAgain.isPending || runAgain.isSuccess}
                      onClick={() => runAgainAndOpen(workflow.id)}
                    >
                      Run it again
                    </Button>
                  </li>
                ))}
              </ul>
              {runAgain.error && (
                <p role="alert" className="mt-1 text-xs text-red-700">
                  {runAgain.error.message}
                </p>
              )}
            </section>
          )}
          <p className="text-xs text-slate-600">
            {existing.data?.length ? "Or save a new one" : "Saved as a workflow of your own"}, so you can run
            it again or put it on a schedule.
          </p>
          <WorkflowFields template={template} form={form} />
          <FormFooter
            error={save.error?.message ?? null}
            // Still busy once saved: the workflow's page is opening.
            pending={save.isPending || save.isSuccess}
            submitLabel="Save and run"
            pendingLabel="Starting…"
            onCancel={() => setOpen(false)}
          />
        </form>
      </Dialog>
    </>
  );
}
