"use client";
import { createContext, type ReactNode, useContext } from "react";
import { useStore } from "zustand";
import type { EditorState, EditorStore } from "./store";

const EditorContext = createContext<EditorStore | null>(null);

export function EditorProvider({ store, children }: { store: EditorStore; children: ReactNode }) {
  return <EditorContext.Provider value={store}>{children}</EditorContext.Provider>;
}

/** The editor's store, for actions and reads outside rendering. */
export function useEditorStore(): EditorStore {
  const store = useContext(EditorContext);
  if (!store) throw new Error("useEditorStore must be used inside an EditorProvider.");
  return store;
}

/** A slice of the editor's state; the component re-renders only when that slice changes. */
export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorStore(), selector);
}
