"use client";
import { useRef } from "react";

/** A delete button that asks first, naming what will be deleted (and, by default, its runs). */
export function ConfirmDelete({
  name,
  onConfirm,
  alsoGone = " and all its runs",
}: {
  name: string;
  onConfirm: () => void;
  alsoGone?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        className="rounded px-2 py-1 text-xs text-red-700 hover:bg-red-50"
      >
        Delete
      </button>
      <dialog
        ref={dialog}
        aria-label={`Delete ${name}`}
        className="m-auto max-w-sm rounded-xl p-6 shadow-xl backdrop:bg-slate-900/40"
      >
        <p className="text-sm">
          Delete <strong>{name}</strong>
          {alsoGone}? This cannot be undone.
        </p>
        <div className="mt-4 flex justify-end gap-2">
          <button
            type="button"
            onClick={() => dialog.current?.close()}
            className="rounded-md px-3 py-1.5 text-sm hover:bg-slate-100"
          >
            Keep it
          </button>
          <button
            type="button"
            onClick={() => {
              dialog.current?.close();
              onConfirm();
            }}
            className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-500"
          >
            Delete
          </button>
        </div>
      </dialog>
    </>
  );
}
