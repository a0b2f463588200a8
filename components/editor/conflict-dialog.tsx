"use client";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

export type ConflictChoice = "copy" | "overwrite" | "theirs";

/**
 * Someone saved this composition since we loaded it. Nothing is lost whichever way: ours can be
 * saved as a copy (theirs stays as it is), saved over theirs, or dropped to load theirs.
 */
export function ConflictDialog({
  message,
  busy,
  onChoose,
  onClose,
}: {
  message: string | null;
  busy: boolean;
  onChoose: (choice: ConflictChoice) => void;
  onClose: () => void;
}) {
  const choice = "w-full rounded-md border px-3 py-2 text-left text-sm disabled:opacity-50";
  return (
    <Dialog
      open={Boolean(message)}
      onOpenChange={(open) => open || onClose()}
      label="Saved elsewhere"
      heading="Someone else saved this composition"
    >
      <p className="mt-1 text-sm text-slate-600">{message}</p>
      <p className="mt-1 text-sm text-slate-600">Your changes are still here. Choose what to keep:</p>
      <div className="mt-4 space-y-2">
        <button
          type="button"
          disabled={busy}
          onClick={() => onChoose("copy")}
          className={`${choice} border-indigo-300 bg-indigo-50 hover:bg-indigo-100`}
        >
          <strong>Save mine as a copy</strong>
          <span className="block text-xs text-slate-600">
            Keeps both: theirs as it is, yours as a new composition.
          </span>
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => onChoose("overwrite")}
          className={`${choice} hover:bg-slate-50`}
        >
          <strong>Save mine over theirs</strong>
          <span className="block text-xs text-slate-600">Theirs stays in the version history.</span>
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => onChoose("theirs")}
          className={`${choice} hover:bg-slate-50`}
        >
          <strong>Discard mine and load theirs</strong>
        </button>
      </div>
      <div className="mt-4 flex justify-end">
        <Button variant="quiet" onClick={onClose}>
          Keep editing
        </Button>
      </div>
    </Dialog>
  );
}
