import type { SessionUser } from "@/lib/auth/session";
import type { DbOrTx } from "@/lib/db/client";
import { readableBy } from "./access";

export interface CompositionSummary {
  compositionId: string;
  name: string;
  description: string;
  tags: string[];
  isPublic: boolean;
  isMine: boolean;
  ownerName: string | null;
  nodeCount: number;
  updatedAt: string;
}

/** The compositions a user can read, most recently updated first. */
export async function listReadableCompositions(
  db: DbOrTx,
  user: SessionUser,
  limit = 100,
): Promise<CompositionSummary[]> {
  const rows = await db.composition.findMany({
    where: readableBy(user),
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: limit,
    include: { owner: { select: { name: true } }, _count: { select: { nodes: true } } },
  });
  return rows.map((row) => ({
    compositionId: row.compositionId,
    name: row.name,
    description: row.description,
    tags: row.tags,
    isPublic: row.isPublic,
    isMine: row.ownerId === user.id,
    ownerName: row.owner?.name ?? null,
    nodeCount: row._count.nodes,
    updatedAt: row.updatedAt.toISOString(),
  }));
}
