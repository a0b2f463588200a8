"use client";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { JsonInput, ParameterInput } from "@/components/ui/fields";
import { FormFooter } from "@/components/ui/form-footer";
import { useStartCompositionRun } from "@/lib/queries/executions";
import type { ParameterSpec } from "@/lib/templates/types";
import { parameterValueError } from "@/lib/templates/values";

/**
 * The Run button: a dialog with the composition's global parameters, prefilled, each with the input
 * its parameter schema calls for and checked against it before the run starts; then the run's page
 * opens. Disabled, with the reason, while the composition cannot run.
 */
export function RunDialog(props: {
  compositionId: string;
  globalParameters: Record<string, unknown>;
  /** The parameter schema each global feeds (from the composition's templates), by name. */
  specs: Record<string, ParameterSpec>;
  blockedReason: string | null;
  /** The button's words: "▶ Run" in the editor, "Run again…" on a run's page. */
  label?: string;
}) {
  const router = useRouter();
  const [isOpen, setOpen] = useState(false);
  const [values, setValues] = useState(props.globalParameters);
  // In the templates' parameter order (the specs are built in it), then any global no template takes.
  const names = [
    ...Object.keys(props.specs).filter((name) => name in props.globalParameters),
    ...Object.keys(props.globalParameters).filter((name) => !(name in props.specs)),
  ];

  const run = useStartCompositionRun(props.compositionId);
  // A value that does not fit its parameter is said here, before anything is sent.
  const [problem, setProblem] = useState<string | null>(null);

  function open() {
    setValues(props.globalParameters);
    run.reset();
    setProblem(null);
    setOpen(true);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems = names.flatMap((name) => {
      const spec = props.specs[name];
      if (values[name] === undefined) return spec?.required ? [`${name} is required`] : [];
      const problem = spec && parameterValueError(values[name], spec);
      return problem ? [`${name} ${problem}`] : [];
    });
    setProblem(problems.length ? `${problems.join("; ")}.` : null);
    if (!problems.length)
      run.mutate(values, { onSuccess: (execution) => router.push(`/executions/${execution.id}`) });
  }

  return (
    <>
      <Button
        variant={props.label ? "secondary" : "primary"}
        disabled={props.blockedReason !== null}
        title={props.blockedReason ?? "Run this composition"}
        onClick={open}
      >
        {props.label ?? "▶ Run"}
      </Button>
      {props.blockedReason && <p className="text-xs text-amber-700">{props.blockedReason}</p>}
      <Dialog open={isOpen} onOpenChange={setOpen} label="Run parameters" heading="Run with these parameters">
        <form onSubmit={submit} className="mt-4 space-y-4">
          {names.length === 0 ? (
            <p className="text-sm text-slate-600">
              This composition has no global parameters: every node uses its own values.
            </p>
          ) : (
            names.map((name) => (
              <div key={name} className="text-sm">
                <span className="font-mono font-medium">{name}</span>
                {props.specs[name]?.description && (
                  <span className="block text-xs text-slate-500">{props.specs[name]!.description}</span>
                )}
                <div className="mt-1">
                  {props.specs[name] ? (
                    <ParameterInput
                      spec={props.specs[name]!}
                      value={values[name]}
                      placeholder=""
                      onChange={(value) => setValues({ ...values, [name]: value })}
                    />
                  ) : (
                    <JsonInput
                      label={`Parameter ${name}`}
                      value={values[name]}
                      rows={2}
                      onChange={(value) => setValues({ ...values, [name]: value })}
                    />
                  )}
                </div>
              </div>
            ))
          )}
          <FormFooter
            error={problem ?? run.error?.message ?? null}
            // Still busy once started: the run's page is opening.
            pending={run.isPending || run.isSuccess}
            submitLabel="Start run"
            pendingLabel="Starting…"
            onCancel={() => setOpen(false)}
          />
        </form>
      </Dialog>
    </>
  );
}
