"use client";
import type { ChangeEvent } from "react";

const sizes = { md: "px-3 py-1.5 text-sm", sm: "px-2.5 py-1 text-xs" } as const;

/** A button that picks one file (the same file may be picked again), showing `busyLabel` while busy. */
export function FileButton({
  label,
  busyLabel,
  busy,
  accept,
  onFile,
  size = "md",
}: {
  label: string;
  busyLabel: string;
  busy: boolean;
  accept: string;
  onFile: (file: File) => void;
  size?: keyof typeof sizes;
}) {
  return (
    <label
      className={`cursor-pointer rounded-md border border-slate-300 bg-white hover:bg-slate-50 ${sizes[size]}`}
    >
      {busy ? busyLabel : label}
      <input
        type="file"
        accept={accept}
        className="sr-only"
        disabled={busy}
        onChange={(event: ChangeEvent<HTMLInputElement>) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (file) onFile(file);
        }}
      />
    </label>
  );
}
