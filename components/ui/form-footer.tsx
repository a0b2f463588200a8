import { Button } from "./button";

/** The end of a dialog's form: its error, Cancel, and the submit button (busy while pending). */
export function FormFooter({
  error,
  pending,
  submitLabel,
  pendingLabel = "Saving…",
  onCancel,
  disabled = false,
}: {
  error: string | null;
  pending: boolean;
  /** Not ready to submit yet (what is missing is said above it). */
  disabled?: boolean;
  submitLabel: string;
  pendingLabel?: string;
  onCancel: () => void;
}) {
  return (
    <>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button variant="quiet" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={pending || disabled}>
          {pending ? pendingLabel : submitLabel}
        </Button>
      </div>
    </>
  );
}
