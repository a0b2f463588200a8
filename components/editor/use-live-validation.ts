"use client";
import { useReactFlow } from "@xyflow/react";
import { useEffect } from "react";
import { validateComposition } from "@/lib/queries/compositions";
import { useEditor } from "./editor-context";
import { type EditorStore, toDocument } from "./store";

/** Quiet time after an edit before the draft is validated on the server. */
const DEBOUNCE_MS = 500;

/**
 * Asks the server for the draft's findings shortly after each edit that can change them (not on
 * selection or moving nodes), so nodes and the findings panel reflect what a save would report.
 */
export function useLiveValidation(store: EditorStore, enabled: boolean) {
  const revision = useEditor((state) => state.contentRevision);
  const flow = useReactFlow();
  useEffect(() => {
    if (!enabled || revision === 0) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const document = toDocument(store.getState(), flow.getViewport());
      validateComposition(document, controller.signal)
        .then(({ issues, nodeOutputs }) => store.getState().setFindings(issues, nodeOutputs))
        // A draft the server refuses (say, an empty name) is reported when saving; nothing to do now.
        .catch(() => {});
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [revision, enabled, store, flow]);
}
