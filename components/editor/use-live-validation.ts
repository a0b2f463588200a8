"use client";
import { useReactFlow } from "@xyflow/react";
import { useEffect } from "react";
import type { Finding } from "@/lib/compositions/validation/findings";
import { apiFetch } from "@/lib/queries/fetch-client";
import { useEditor } from "./editor-context";
import { type EditorStore, toDocument } from "./store";

/** Quiet time after an edit before the draft is validated on the server. */
const DEBOUNCE_MS = 500;

/**
 * Asks the server for the draft's findings shortly after each edit (not on selection or while
 * dragging), so nodes and the findings panel reflect what a save would report.
 */
export function useLiveValidation(store: EditorStore, enabled: boolean) {
  const stateId = useEditor((state) => state.id);
  const flow = useReactFlow();
  useEffect(() => {
    if (!enabled || stateId === store.getState().savedId) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const document = toDocument(store.getState(), flow.getViewport());
      apiFetch<{ issues: Finding[] }>("/api/compositions/validate", {
        method: "POST",
        body: JSON.stringify(document),
        signal: controller.signal,
      })
        .then(({ issues }) => store.getState().setFindings(issues))
        // A draft the server refuses (say, an empty name) is reported when saving; nothing to do now.
        .catch(() => {});
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [stateId, enabled, store, flow]);
}
