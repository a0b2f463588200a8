"use client";

/** A secret (a link, a token) shown this once, selected on focus, with a Copy button. */
export function ShownOnce({ label, value, message }: { label: string; value: string; message: string }) {
  return (
    <div className="w-full rounded-md bg-emerald-50 p-3 text-sm">
      <p className="font-medium text-emerald-900">{message}</p>
      <div className="mt-2 flex gap-2">
        <input
          readOnly
          aria-label={label}
          value={value}
          onFocus={(event) => event.target.select()}
          className="block w-full rounded-md border border-emerald-200 bg-white px-2 py-1 font-mono text-xs"
        />
        <button
          type="button"
          onClick={() => void navigator.clipboard?.writeText(value)}
          className="rounded-md border border-emerald-300 bg-white px-2 py-1 text-xs hover:bg-emerald-100"
        >
          Copy
        </button>
      </div>
    </div>
  );
}
