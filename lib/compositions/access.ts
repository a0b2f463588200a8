import type { SessionUser } from "@/lib/auth/session";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Compositions a user may read: their own and public ones; an admin reads every composition. */
export function readableBy(user: SessionUser): Prisma.CompositionWhereInput {
  return user.role === "admin" ? {} : { OR: [{ ownerId: user.id }, { isPublic: true }] };
}
