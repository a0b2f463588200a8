import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isSealedValue, mapValues, openValue, sealValue } from "@/lib/security/sealed-values";
import { open, type SecretKey, seal } from "@/lib/security/secret-box";

/**
 * Seals every stored secret — data-source passwords, webhook signing secrets and HTTP templates'
 * header values — again with `next`, opening each with the ring (the old key, or keys), in one
 * transaction: either every secret moves to the new key or none does. Answers how many moved.
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
    // HTTP templates' header values, in every version (lib/templates/header-secrets.ts).
    const resealHeaders = (definition: unknown) => {
      const headers = (definition as { headers?: Record<string, string> }).headers ?? {};
      const sealed = Object.values(headers).filter(isSealedValue);
      return {
        count: sealed.length,
        definition: {
          ...(definition as object),
          headers: mapValues(headers, (value) =>
            isSealedValue(value) ? sealValue(openValue(value, ring), next) : value,
          ),
        } as Prisma.InputJsonValue,
      };
    };
    let headers = 0;
    for (const row of await tx.template.findMany({
      where: { kind: "http" },
      select: { templateId: true, definition: true },
    })) {
      const moved = resealHeaders(row.definition);
      if (!moved.count) continue;
      await tx.template.update({
        where: { templateId: row.templateId },
        data: { definition: moved.definition },
      });
      headers += moved.count;
    }
    for (const row of await tx.templateVersion.findMany({
      where: { kind: "http" },
      select: { templateId: true, version: true, definition: true },
    })) {
      const moved = resealHeaders(row.definition);
      if (!moved.count) continue;
      await tx.templateVersion.update({
        where: { templateId_version: { templateId: row.templateId, version: row.version } },
        data: { definition: moved.definition },
      });
      headers += moved.count;
    }
    return sources.length + triggers.length + headers;
  });
}
