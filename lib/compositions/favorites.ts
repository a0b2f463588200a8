import type { SessionUser } from "@/lib/auth/user";
import type { DbOrTx } from "@/lib/db/client";
import { findReadableOrThrow } from "./access";

/** Marks or unmarks a readable composition as a favorite; both are idempotent. */
export async function setFavorite(db: DbOrTx, user: SessionUser, id: string, favorite: boolean) {
  const composition = await findReadableOrThrow(db, user, id);
  const key = { userId: user.id, compositionId: composition.id };
  if (favorite) {
    await db.favorite.upsert({ where: { userId_compositionId: key }, create: key, update: {} });
  } else {
    await db.favorite.deleteMany({ where: key });
  }
  return { compositionId: composition.compositionId, isFavorite: favorite };
}
