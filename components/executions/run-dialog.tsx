"use client";
import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";
import { apiFetch } from "@/lib/queries/fetch-client";

/** Text for a parameter input; parsed back to the global's own type on submit. */
const show = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

function parse(text: string, like: unknown): unknown {
  if (typeof like === "string") return text;
  try {
    return JSON.parse(text);
  } catch {
    return text; // the server names the parameter that does not fit
  }
}

/**
 * The Run button: a dialog with the composition's global parameters, prefilled, whose values become
 * the run's parameters; then the run's page opens. Disabled, with the reason, while findings exist.
 */
export function RunDialog(props: {
  compositionId: string;
  globalParameters: Record<string, unknown>;
  blockedReason: string | null;
}) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const names = Object.keys(props.globalParameters);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parameters = Object.fromEntries(
      names.map((name) => [name, parse(String(form.get(name)), props.globalParameters[name])]),
    );
    setPending(true);
    setError(null);
    try {
      const { execution } = await apiFetch<{ execution: { id: string } }>(
        `/api/compositions/${props.compositionId}/executions`,
        {
          method: "POST",
          headers: { "x-queryflow-client": "web" },
          body: JSON.stringify({ parameters }),
        },
      );
      router.push(`/executions/${execution.id}`);
    } catch (caught) {
      setError((caught as Error).message);
      setPending(false);
    }
  }

  return (
    <>
      <button
        type="button"
        disabled={props.blockedReason !== null}
        title={props.blockedReason ?? "Run this composition"}
        onClick={() => dialog.current?.showModal()}
        className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:cursor-not-allowed disabled:opacity-50"
      >
        ▶ Run
      </button>
      {props.blockedReason && <p className="text-xs text-amber-700">{props.blockedReason}</p>}
      <dialog
        ref={dialog}
        aria-label="Run parameters"
        className="m-auto w-full max-w-md rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <form onSubmit={submit} className="space-y-4 p-6">
          <h2 className="text-lg font-semibold">Run with these parameters</h2>
          {names.length === 0 ? (
            <p className="text-sm text-slate-600">
              This composition has no global parameters: every node uses its own values.
            </p>
          ) : (
            names.map((name) => (
              <label key={name} className="block text-sm font-medium">
                <span className="font-mono">{name}</span>
                <input
                  name={name}
                  defaultValue={show(props.globalParameters[name])}
                  className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
                />
              </label>
            ))
          )}
          {error && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
              {error}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <button
              type="button"
              onClick={() => dialog.current?.close()}
              className="rounded-md px-3 py-1.5 text-sm hover:bg-slate-100"
            >
              Cancel
            </button>
            <button
              type="submit"
              disabled={pending}
              className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
            >
              {pending ? "Starting…" : "Start run"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
