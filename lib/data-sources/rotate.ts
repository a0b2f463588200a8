import type { Db } from "@/lib/db/client";
import { open, type SecretKey, seal } from "@/lib/security/secret-box";

/**
 * Seals every stored secret — data-source passwords and webhook signing secrets — again with
 * `next`, opening each with the ring (the old key, or keys), in one transaction: either every secret
 * moves to the new key or none does. Answers how many moved.
 */
export async function resealSecrets(db: Db, ring: SecretKey[], next: SecretKey): Promise<number> {
  const reseal = (sealed: string) => seal(open(sealed, ring), next);
  return db.$transaction(async (tx) => {
    const sources = await tx.dataSource.findMany({
      where: { sealedPassword: { not: null } },
      select: { id: true, sealedPassword: true },
    });
    for (const row of sources) {
      await tx.dataSource.update({
        where: { id: row.id },
        data: { sealedPassword: reseal(row.sealedPassword!) },
      });
    }
    const triggers = await tx.trigger.findMany({
      where: { sealedSecret: { not: null } },
      select: { id: true, sealedSecret: true },
    });
    for (const row of triggers) {
      await tx.trigger.update({ where: { id: row.id }, data: { sealedSecret: reseal(row.sealedSecret!) } });
    }
    return sources.length + triggers.length;
  });
}
