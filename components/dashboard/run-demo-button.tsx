"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { startCompositionRun } from "@/lib/queries/executions";

/** Starts the demo with its own parameters and opens the run: the first thing a new user can do. */
export function RunDemoButton({ compositionId, name }: { compositionId: string; name: string }) {
  const router = useRouter();
  const run = useMutation({
    mutationFn: () => startCompositionRun(compositionId),
    onSuccess: (execution) => router.push(`/executions/${execution.id}`),
  });
  return (
    <div>
      <button
        type="button"
        onClick={() => run.mutate()}
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
