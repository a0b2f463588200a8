"use client";
import { type RefObject, useEffect } from "react";

/** Calls `dismiss` on a pointer press outside `ref` or on Escape, while `active` (an open menu). */
export function useDismiss(ref: RefObject<HTMLElement | null>, dismiss: () => void, active: boolean) {
  useEffect(() => {
    if (!active) return;
    const onPointerDown = (event: PointerEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) dismiss();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") dismiss();
    };
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [ref, dismiss, active]);
}
