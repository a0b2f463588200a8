import { decodeCursor, decodeInstantCursor, encodeCursor } from "@/lib/api/cursor";
import type { SessionUser } from "@/lib/auth/user";
import type { DbOrTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { readableBy } from "./access";
import type { ListCompositionsQuery } from "./schema";

export interface CompositionSummary {
  id: string;
  compositionId: string;
  name: string;
  description: string;
  tags: string[];
  isPublic: boolean;
  isMine: boolean;
  isFavorite: boolean;
  owner: { id: string; name: string } | null;
  nodeCount: number;
  version: number;
  updatedAt: string;
  /** The newest run, if any. */
  lastRun: { id: string; status: string; createdAt: string } | null;
  /** The soonest next run of its active schedules. */
  nextRunAt: string | null;
}

/** Rows strictly after the cursor in the list's order (keyset pagination: stable under inserts). */
function after(raw: string, sort: ListCompositionsQuery["sort"]): Prisma.CompositionWhereInput {
  if (sort === "name") {
    const cursor = decodeCursor(raw);
    return { OR: [{ name: { gt: cursor.key } }, { name: cursor.key, id: { gt: cursor.id } }] };
  }
  const { at: updatedAt, id } = decodeInstantCursor(raw);
  return { OR: [{ updatedAt: { lt: updatedAt } }, { updatedAt, id: { lt: id } }] };
}

/**
 * Compositions the user can read, filtered and sorted, one page at a time. Search is
 * case-insensitive over name and description, and matches tags exactly (tags are stored lowercase).
 */
export async function listCompositions(
  db: DbOrTx,
  user: SessionUser,
  query: ListCompositionsQuery,
): Promise<{ items: CompositionSummary[]; nextCursor: string | null }> {
  const filters: Prisma.CompositionWhereInput[] = [readableBy(user)];
  if (query.visibility === "mine") filters.push({ ownerId: user.id });
  if (query.visibility === "public") filters.push({ isPublic: true });
  if (query.tag) filters.push({ tags: { has: query.tag } });
  if (query.favorite === "true") filters.push({ favorites: { some: { userId: user.id } } });
  if (query.q) {
    filters.push({
      OR: [
        { name: { contains: query.q, mode: "insensitive" } },
        { description: { contains: query.q, mode: "insensitive" } },
        { compositionId: { contains: query.q.toLowerCase() } },
        { tags: { has: query.q.toLowerCase() } },
      ],
    });
  }
  if (query.cursor) filters.push(after(query.cursor, query.sort));

  const rows = await db.composition.findMany({
    where: { AND: filters },
    orderBy:
      query.sort === "name" ? [{ name: "asc" }, { id: "asc" }] : [{ updatedAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    include: {
      owner: { select: { id: true, name: true } },
      favorites: { where: { userId: user.id }, select: { userId: true } },
      _count: { select: { nodes: true } },
      executions: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { id: true, status: true, createdAt: true },
      },
      schedules: {
        where: { isActive: true, nextRunAt: { not: null } },
        orderBy: { nextRunAt: "asc" },
        take: 1,
        select: { nextRunAt: true },
      },
    },
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      compositionId: row.compositionId,
      name: row.name,
      description: row.description,
      tags: row.tags,
      isPublic: row.isPublic,
      isMine: row.ownerId === user.id,
      isFavorite: row.favorites.length > 0,
      owner: row.owner,
      nodeCount: row._count.nodes,
      version: row.currentVersion,
      updatedAt: row.updatedAt.toISOString(),
      lastRun: row.executions[0]
        ? { ...row.executions[0], createdAt: row.executions[0].createdAt.toISOString() }
        : null,
      nextRunAt: row.schedules[0]?.nextRunAt?.toISOString() ?? null,
    })),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ key: query.sort === "name" ? last.name : last.updatedAt.toISOString(), id: last.id })
        : null,
  };
}
