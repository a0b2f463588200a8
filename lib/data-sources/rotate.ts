import type { Db } from "@/lib/db/client";
import { open, type SecretKey, seal } from "@/lib/security/secret-box";

/**
 * Seals every stored password again with `next`, opening each with the ring (the old key, or keys),
 * in one transaction: either every password moves to the new key or none does.
 */
export async function resealPasswords(db: Db, ring: SecretKey[], next: SecretKey): Promise<number> {
  return db.$transaction(async (tx) => {
    const rows = await tx.dataSource.findMany({
      where: { sealedPassword: { not: null } },
      select: { id: true, sealedPassword: true },
    });
    for (const row of rows) {
      await tx.dataSource.update({
        where: { id: row.id },
        data: { sealedPassword: seal(open(row.sealedPassword!, ring), next) },
      });
    }
    return rows.length;
  });
}
