import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CompositionCanvas } from "@/components/canvas/composition-canvas";
import { RunDialog } from "@/components/executions/run-dialog";
import { AppError } from "@/lib/api/errors";
import { requireUser } from "@/lib/auth/session";
import { getComposition } from "@/lib/compositions/service";
import { db } from "@/lib/db/client";
import { listTemplates } from "@/lib/templates/service";

export const metadata: Metadata = { title: "Composition" };

export default async function CompositionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const composition = await getComposition(db(), user, id).catch((error) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const templates = await listTemplates(db(), { includeInactive: "true" });
  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm">
            <Link href="/compositions" className="text-indigo-600 hover:underline">
              Compositions
            </Link>
          </p>
          <h1 className="text-2xl font-semibold tracking-tight">{composition.name}</h1>
          <p className="font-mono text-xs text-slate-500">
            {composition.compositionId} · version {composition.version} ·{" "}
            {composition.isPublic ? "public" : "private"}
            {composition.owner ? ` · by ${composition.owner.name}` : ""}
          </p>
          {composition.description && (
            <p className="mt-1 max-w-3xl text-sm text-slate-600">{composition.description}</p>
          )}
        </div>
        <div className="flex flex-col items-end gap-1">
          <div className="flex gap-2">
            <a
              href={`/api/compositions/${composition.id}/export`}
              download={`${composition.compositionId}.queryflow.json`}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50"
            >
              Export
            </a>
            <RunDialog
              compositionId={composition.id}
              globalParameters={composition.globalParameters}
              blockedReason={
                composition.issues.length
                  ? `Fix the ${composition.issues.length === 1 ? "finding" : `${composition.issues.length} findings`} before running.`
                  : null
              }
            />
          </div>
        </div>
      </div>
      <CompositionCanvas composition={composition} templates={templates} />
      <p className="mt-2 text-xs text-slate-500">
        Read-only view: editing on the canvas is not built yet. Dashed connections are optional.
      </p>
    </>
  );
}
