"use client";
import { useRouter } from "next/navigation";
import { useStartCompositionRun } from "@/lib/queries/executions";

/** Starts the demo with its own parameters and opens the run: the first thing a new user can do. */
export function RunDemoButton({ compositionId, name }: { compositionId: string; name: string }) {
  const router = useRouter();
  const run = useStartCompositionRun(compositionId);
  const start = () =>
    run.mutate(undefined, { onSuccess: (execution) => router.push(`/executions/${execution.id}`) });
  return (
    <div>
      <button
        type="button"
        onClick={start}
        disabled={run.isPending || run.isSuccess}
        className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
      >
        {run.isPending || run.isSuccess ? "Starting…" : `▶ Run ${name}`}
      </button>
      {run.error && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          Could not start it: {run.error.message}
        </p>
      )}
    </div>
  );
}
