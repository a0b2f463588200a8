import { type CompositionWithGraph, toDocument } from "@/lib/compositions/document";
import { deriveParameterMappings, type ParameterMapping } from "@/lib/compositions/graph-rows";
import type { CompositionDocument } from "@/lib/compositions/schema";
import type { DbOrTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

/** What a run executes: the composition as it was, with its templates' versions. Never edited. */
export interface VersionSnapshot {
  document: CompositionDocument;
  templateVersions: Record<string, number>;
  /** Per node, where each mapped parameter comes from. */
  mappings: Record<string, Record<string, ParameterMapping>>;
}

/**
 * The immutable snapshot of the composition's current version, written on the first run after a
 * change (the composition's edit version is the snapshot's version number).
 */
export async function ensureVersionSnapshot(
  tx: DbOrTx,
  composition: CompositionWithGraph,
  userId: string | null,
): Promise<{ id: string; version: number; snapshot: VersionSnapshot }> {
  const existing = await tx.compositionVersion.findUnique({
    where: { compositionId_version: { compositionId: composition.id, version: composition.currentVersion } },
  });
  if (existing)
    return {
      id: existing.id,
      version: existing.version,
      snapshot: existing.snapshot as unknown as VersionSnapshot,
    };
  const document = toDocument(composition);
  const templates = await tx.template.findMany({
    where: { templateId: { in: [...new Set(document.nodes.map((node) => node.templateId))] } },
    select: { templateId: true, version: true },
  });
  const snapshot: VersionSnapshot = {
    document,
    templateVersions: Object.fromEntries(templates.map((t) => [t.templateId, t.version])),
    mappings: Object.fromEntries(deriveParameterMappings(document.connections)),
  };
  const row = await tx.compositionVersion.upsert({
    where: { compositionId_version: { compositionId: composition.id, version: composition.currentVersion } },
    create: {
      compositionId: composition.id,
      version: composition.currentVersion,
      snapshot: snapshot as unknown as Prisma.InputJsonValue,
      createdById: userId,
    },
    update: {},
  });
  return { id: row.id, version: row.version, snapshot: row.snapshot as unknown as VersionSnapshot };
}
