"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { ChangeEvent } from "react";
import { importComposition } from "@/lib/queries/compositions";

/** "Import…": uploads a composition file, then opens the new composition. Errors go to `onError`. */
export function ImportButton({ onError }: { onError: (message: string | null) => void }) {
  const router = useRouter();
  const importFile = useMutation({
    mutationFn: async (file: File) => importComposition(await file.text()),
    onMutate: () => onError(null),
    onSuccess: ({ composition }) => router.push(`/compositions/${composition.compositionId}`),
    onError: (error) => onError(`Import failed: ${error.message}`),
  });
  return (
    <label className="cursor-pointer rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
      {importFile.isPending ? "Importing…" : "Import…"}
      <input
        type="file"
        accept="application/json,.json"
        className="sr-only"
        onChange={(event: ChangeEvent<HTMLInputElement>) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (file) importFile.mutate(file);
        }}
      />
    </label>
  );
}
