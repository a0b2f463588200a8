import { AppError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/user";
import type { Db, DbOrTx } from "@/lib/db/client";
import { findReadableOrThrow } from "./access";
import { uniqueCompositionId } from "./composition-id";
import { toDocument, withGraph } from "./document";
import { EXPORT_FORMAT, type ExportFile } from "./schema";
import { getComposition, insertComposition, pinAndValidate } from "./service";

/** The composition as a versioned file that any QueryFlow can import. */
export async function exportComposition(db: DbOrTx, user: SessionUser, id: string): Promise<ExportFile> {
  const { id: uuid } = await findReadableOrThrow(db, user, id);
  const row = await db.composition.findUniqueOrThrow({ where: { id: uuid }, include: withGraph });
  return {
    format: EXPORT_FORMAT,
    formatVersion: 1,
    exportedAt: new Date().toISOString(),
    composition: toDocument(row),
  };
}

/**
 * Imports an exported file as a new composition owned by the user. Every template the file uses
 * must exist here (all missing ones are listed); a taken composition_id gets a fresh one.
 */
export async function importComposition(db: Db, user: SessionUser, file: ExportFile) {
  const { document, result } = await pinAndValidate(db, user, file.composition);
  const unknownAt = new Set(
    result.findings.filter((item) => item.code === "unknown_template").map((item) => item.nodeId),
  );
  const unknown = [
    ...new Set(document.nodes.filter((node) => unknownAt.has(node.nodeId)).map((node) => node.templateId)),
  ];
  const structural = result.findings.filter((item) => item.severity === "structural");
  if (structural.length) {
    throw new AppError({
      code: "bad_request",
      message: unknown.length
        ? `The file uses templates this QueryFlow does not have: ${unknown.join(", ")}.`
        : `The file cannot be imported: ${structural[0]!.message}`,
      issues: structural,
      details: { unknownTemplates: unknown },
    });
  }
  const row = await db.$transaction(async (tx) => {
    const requested = document.compositionId;
    const compositionId = requested ? await uniqueCompositionId(tx, requested) : undefined;
    return insertComposition(tx, user.id, { ...document, compositionId }, result);
  });
  const composition = await getComposition(db, user, row.id);
  const renamedFrom =
    document.compositionId && document.compositionId !== row.compositionId ? document.compositionId : null;
  return { composition, renamedFrom };
}
