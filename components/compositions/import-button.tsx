"use client";
import { useRouter } from "next/navigation";
import { FileButton } from "@/components/ui/file-button";
import { useImportComposition } from "@/lib/queries/compositions";

/** "Import…": uploads a composition file, then opens the new composition. Errors go to `onError`. */
export function ImportButton({ onError }: { onError: (message: string | null) => void }) {
  const router = useRouter();
  const importFile = useImportComposition();
  const importAndOpen = (file: File) => {
    onError(null);
    importFile.mutate(file, {
      onSuccess: ({ composition }) => router.push(`/compositions/${composition.compositionId}`),
      onError: (error) => onError(`Import failed: ${error.message}`),
    });
  };
  return (
    <FileButton
      label="Import…"
      busyLabel="Importing…"
      busy={importFile.isPending}
      accept="application/json,.json"
      onFile={importAndOpen}
    />
  );
}
