import { AppError } from "@/lib/api/errors";
import { isUuid } from "@/lib/api/ids";
import { assertMayChange, may, visibleTo } from "@/lib/auth/access";
import type { SessionUser } from "@/lib/auth/user";
import type { DbOrTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Compositions a user may read (lib/auth/access.ts: their own and public ones; an admin, all). */
export const readableBy = (user: SessionUser) => visibleTo(user, "composition");

export const canWrite = (user: SessionUser, composition: { ownerId: string | null }) =>
  may(user, "change", "composition", composition);

/** `:id` in the API is the uuid or the composition_id. */
export function byIdOrSlug(id: string): Prisma.CompositionWhereInput {
  return isUuid(id) ? { id } : { compositionId: id };
}

/**
 * The composition the user may read, or 404 — also when it exists but is another user's private
 * composition, so that its existence is not revealed.
 */
export async function findReadableOrThrow(db: DbOrTx, user: SessionUser, id: string) {
  const row = await db.composition.findFirst({ where: readableWhere(user, id) });
  if (!row) throw notFound(id);
  return row;
}

/** The filter of findReadableOrThrow, for a lookup that loads more of the row. */
export const readableWhere = (user: SessionUser, id: string): Prisma.CompositionWhereInput => ({
  AND: [byIdOrSlug(id), readableBy(user)],
});

/** The 404 of a composition that does not exist or that the user may not read (the same answer). */
export const notFound = (id: string) =>
  new AppError({ code: "not_found", message: `Composition "${id}" does not exist.` });

/** As findReadableOrThrow, then 403 unless the user may change it. */
export async function findWritableOrThrow(db: DbOrTx, user: SessionUser, id: string) {
  const row = await findReadableOrThrow(db, user, id);
  assertMayChange(user, "composition", row);
  return row;
}
