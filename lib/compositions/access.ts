import { AppError } from "@/lib/api/errors";
import { isUuid } from "@/lib/api/ids";
import type { SessionUser } from "@/lib/auth/session";
import type { DbOrTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Compositions a user may read: their own and public ones; an admin reads every composition. */
export function readableBy(user: SessionUser): Prisma.CompositionWhereInput {
  return user.role === "admin" ? {} : { OR: [{ ownerId: user.id }, { isPublic: true }] };
}

export function canWrite(user: SessionUser, composition: { ownerId: string | null }): boolean {
  return user.role === "admin" || (composition.ownerId !== null && composition.ownerId === user.id);
}

/** `:id` in the API is the uuid or the composition_id. */
export function byIdOrSlug(id: string): Prisma.CompositionWhereInput {
  return isUuid(id) ? { id } : { compositionId: id };
}

/**
 * The composition the user may read, or 404 — also when it exists but is another user's private
 * composition, so that its existence is not revealed.
 */
export async function findReadableOrThrow(db: DbOrTx, user: SessionUser, id: string) {
  const row = await db.composition.findFirst({ where: { AND: [byIdOrSlug(id), readableBy(user)] } });
  if (!row) throw new AppError({ code: "not_found", message: `Composition "${id}" does not exist.` });
  return row;
}

/** As findReadableOrThrow, then 403 unless the user owns it or is an admin. */
export async function findWritableOrThrow(db: DbOrTx, user: SessionUser, id: string) {
  const row = await findReadableOrThrow(db, user, id);
  if (!canWrite(user, row)) {
    throw new AppError({
      code: "forbidden",
      message: "Only the owner or an admin can change this composition.",
    });
  }
  return row;
}
