"use client";
import { useEffect } from "react";
import type { EditorStore } from "./store";

/** Whether a key press belongs to a text field (where Ctrl+Z, Delete… mean what they always mean). */
function inTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))
  );
}

/**
 * The editor's keyboard: Ctrl/Cmd+S save (everywhere), and outside text fields Ctrl/Cmd+Z undo,
 * Ctrl/Cmd+Shift+Z or Ctrl+Y redo, Ctrl/Cmd+C/V copy/paste, Ctrl/Cmd+A select all, Delete or
 * Backspace delete, Escape clear the selection, ? the list of shortcuts.
 */
export function useShortcuts(
  store: EditorStore,
  options: { save: () => void; readOnly: boolean; showHelp: () => void },
) {
  const { save, readOnly, showHelp } = options;
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      // A dialog (shortcuts, run parameters, a conflict) keeps its keys: Escape closes it.
      if (event.target instanceof Element && event.target.closest("dialog")) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === "s") {
        event.preventDefault();
        if (!readOnly) save();
        return;
      }
      if (inTextField(event.target)) return;
      const editor = store.getState();
      const actions: Record<string, (() => void) | undefined> = mod
        ? {
            z: readOnly ? undefined : event.shiftKey ? editor.redo : editor.undo,
            y: readOnly ? undefined : editor.redo,
            c: editor.copySelection,
            v: readOnly ? undefined : editor.paste,
            a: editor.selectAll,
          }
        : {
            delete: readOnly ? undefined : editor.deleteSelection,
            backspace: readOnly ? undefined : editor.deleteSelection,
            escape: () => editor.select({}),
            "?": showHelp,
          };
      const action = actions[key];
      if (!action) return;
      event.preventDefault();
      action();
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [store, save, readOnly, showHelp]);
}
