import type { DbOrTx } from "@/lib/db/client";
import { identifierFrom } from "@/lib/identifier";

/** `comp_` + the name's letters and digits, lowercased, joined by `_`. */
export function compositionIdFromName(name: string): string {
  return `comp_${identifierFrom(name, 60) || "untitled"}`;
}

/** `base` when free, otherwise `base_2`, `base_3`, … — the first one no composition uses. */
export async function uniqueCompositionId(db: DbOrTx, base: string): Promise<string> {
  const taken = new Set(
    (
      await db.composition.findMany({
        where: { compositionId: { startsWith: base } },
        select: { compositionId: true },
      })
    ).map((row) => row.compositionId),
  );
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix++) if (!taken.has(`${base}_${suffix}`)) return `${base}_${suffix}`;
}
