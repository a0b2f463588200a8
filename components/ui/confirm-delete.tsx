"use client";
import { useState } from "react";
import { Button } from "./button";
import { Dialog } from "./dialog";

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
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="dangerQuiet" size="sm" aria-label={`Delete ${name}`} onClick={() => setOpen(true)}>
        Delete
      </Button>
      <Dialog open={open} onOpenChange={setOpen} label={`Delete ${name}`} width="sm">
        <p className="text-sm">
          Delete <strong>{name}</strong>
          {alsoGone}? This cannot be undone.
        </p>
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="quiet" onClick={() => setOpen(false)}>
            Keep it
          </Button>
          <Button
            variant="danger"
            onClick={() => {
              setOpen(false);
              onConfirm();
            }}
          >
            Delete
          </Button>
        </div>
      </Dialog>
    </>
  );
}
