"use client";
import { useReactFlow } from "@xyflow/react";
import { useRouter } from "next/navigation";
import { useCallback, useRef, useState } from "react";
import type { CompositionResponse } from "@/lib/compositions/document";
import type { CompositionDocumentInput } from "@/lib/compositions/schema";
import { type Finding, findingSeverity } from "@/lib/compositions/validation/findings";
import { createComposition, getComposition, updateComposition } from "@/lib/queries/compositions";
import { ApiError } from "@/lib/queries/fetch-client";
import type { ConflictChoice } from "./conflict-dialog";
import { type EditorStore, toDocument } from "./store";

/** Structural findings come back in a 400's issues; they are shown like any other finding. */
function findingsIn(error: ApiError): Finding[] {
  const issues = (error.body as { error?: { issues?: Partial<Finding>[] } })?.error?.issues ?? [];
  return issues.filter((issue): issue is Finding => Boolean(issue.code && issue.code in findingSeverity));
}

/**
 * Saving: POST for a new composition (the URL then becomes its own), PUT with the version it was
 * based on otherwise. A 409 opens the conflict; each way out of it keeps the user's work.
 */
export function useSave(store: EditorStore, initial: { id: string | null; version: number }) {
  const flow = useReactFlow();
  const router = useRouter();
  const target = useRef(initial);
  const [version, setVersion] = useState(initial.version);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ message: string; currentVersion: number } | null>(null);

  const current = useCallback(
    (): { stateId: number; document: CompositionDocumentInput } => ({
      stateId: store.getState().id,
      document: toDocument(store.getState(), flow.getViewport()),
    }),
    [store, flow],
  );

  const applySaved = useCallback(
    (saved: CompositionResponse, stateId: number) => {
      const isNew = !target.current.id;
      target.current = { id: saved.id, version: saved.version };
      setVersion(saved.version);
      store.getState().markSaved(stateId, {
        findings: saved.issues,
        nodeOutputs: saved.nodeOutputs,
        compositionId: saved.compositionId,
      });
      if (isNew) window.history.replaceState(null, "", `/compositions/${saved.compositionId}`);
    },
    [store],
  );

  const run = useCallback(
    async (attempt: () => Promise<void>) => {
      setSaving(true);
      setError(null);
      try {
        await attempt();
      } catch (caught) {
        if (caught instanceof ApiError && caught.status === 409 && target.current.id) {
          const currentVersion = (caught.body as { error?: { currentVersion?: number } })?.error
            ?.currentVersion;
          setConflict({ message: caught.message, currentVersion: currentVersion ?? target.current.version });
        } else {
          if (caught instanceof ApiError && findingsIn(caught).length)
            store.getState().setFindings(findingsIn(caught));
          setError(`Not saved: ${(caught as Error).message}`);
        }
      } finally {
        setSaving(false);
      }
    },
    [store],
  );

  const save = useCallback(() => {
    if (saving) return;
    const unapplied = store.getState().unapplied;
    if (unapplied) return setError(`Not saved: ${unapplied}`);
    void run(async () => {
      const { stateId, document } = current();
      const { id, version } = target.current;
      applySaved(
        id ? await updateComposition(id, { ...document, version }) : await createComposition(document),
        stateId,
      );
    });
  }, [saving, run, current, applySaved, store]);

  const resolveConflict = useCallback(
    (choice: ConflictChoice) =>
      run(async () => {
        const { stateId, document } = current();
        const id = target.current.id!;
        if (choice === "copy") {
          const copy = await createComposition({
            ...document,
            compositionId: undefined,
            name: `${document.name} (my copy)`.slice(0, 200),
          });
          store.getState().markSaved(stateId);
          setConflict(null);
          router.push(`/compositions/${copy.compositionId}`);
        } else if (choice === "overwrite") {
          applySaved(
            await updateComposition(id, { ...document, version: conflict!.currentVersion }),
            stateId,
          );
          setConflict(null);
        } else {
          const theirs = await getComposition(id);
          target.current = { id: theirs.id, version: theirs.version };
          setVersion(theirs.version);
          store.getState().reset(theirs, theirs.issues, theirs.nodeOutputs);
          setConflict(null);
        }
      }),
    [run, current, applySaved, store, router, conflict],
  );

  return {
    saving,
    error,
    conflict,
    save,
    resolveConflict,
    dismissConflict: () => setConflict(null),
    target,
    /** The saved version this editor is based on (0 before the first save). */
    version,
  };
}
