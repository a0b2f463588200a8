import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/user";
import type { DbOrTx } from "@/lib/db/client";
import { findReadableOrThrow } from "./access";

export const versionParamSchema = z.coerce.number().int().min(1);

/** The immutable snapshots of a composition (written when it first runs after a change), newest first. */
export async function listVersions(db: DbOrTx, user: SessionUser, id: string) {
  const composition = await findReadableOrThrow(db, user, id);
  const rows = await db.compositionVersion.findMany({
    where: { compositionId: composition.id },
    orderBy: { version: "desc" },
    include: { createdBy: { select: { id: true, name: true } } },
  });
  return {
    versions: rows.map((row) => ({
      version: row.version,
      createdAt: row.createdAt.toISOString(),
      createdBy: row.createdBy,
    })),
  };
}

export async function getVersionOrThrow(db: DbOrTx, user: SessionUser, id: string, version: number) {
  const composition = await findReadableOrThrow(db, user, id);
  const row = await db.compositionVersion.findUnique({
    where: { compositionId_version: { compositionId: composition.id, version } },
    include: { createdBy: { select: { id: true, name: true } } },
  });
  if (!row)
    throw new AppError({ code: "not_found", message: `Version ${version} of "${id}" does not exist.` });
  return {
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    snapshot: row.snapshot,
  };
}
