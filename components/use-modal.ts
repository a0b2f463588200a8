"use client";
import { useEffect, useRef } from "react";

/** A `<dialog>` shown as a modal while `open` is true (its ref goes on the element). */
export function useModal(open: boolean) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
    if (!open && dialog.current?.open) dialog.current.close();
  }, [open]);
  return dialog;
}
