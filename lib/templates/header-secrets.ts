import { AppError } from "@/lib/api/errors";
import { keyRing } from "@/lib/data-sources/service";
import type { DbOrTx } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isSealedValue, mapValues, openValue, sealValue } from "@/lib/security/sealed-values";

// The header values of HTTP templates written in the app (API tokens, as a rule) are sealed at rest
// like data-source passwords, and never answered: the API shows each as HIDDEN_HEADER_VALUE, which a
// save or a test call of the same template takes as "keep the value stored".

/** What the API shows for a stored header value; sent back unchanged, it keeps the stored one. */
export const HIDDEN_HEADER_VALUE = "••••••••";

type Headers = Record<string, string>;
const headersOf = (definition: Record<string, unknown>) => (definition.headers ?? {}) as Headers;

/** A header value as the call sends it: opened when sealed (templates saved before sealing kept plain text). */
export const openHeaderValue = (value: string, env: Env) => openValue(value, keyRing(env));

/** The definition with its header values sealed, for storing. */
export function sealHeaders(definition: Record<string, unknown>, env: Env): Record<string, unknown> {
  if (!definition.headers) return definition;
  const [key] = keyRing(env);
  const headers = mapValues(headersOf(definition), (value) =>
    isSealedValue(value) ? value : sealValue(value, key!),
  );
  return { ...definition, headers };
}

/** The definition as the API shows it: every stored header value hidden. */
export function hideHeaders(definition: Record<string, unknown>): Record<string, unknown> {
  if (!definition.headers) return definition;
  return { ...definition, headers: mapValues(headersOf(definition), () => HIDDEN_HEADER_VALUE) };
}

/**
 * Seals the header values that HTTP templates (and their versions) saved before sealing began still
 * keep in plain text; run at every start, it finds nothing once done. Answers how many were sealed.
 */
export async function sealStoredHeaders(db: DbOrTx, env: Env): Promise<number> {
  let sealed = 0;
  const plain = (definition: unknown) =>
    Object.values(headersOf(definition as Record<string, unknown>)).some((value) => !isSealedValue(value));
  for (const row of await db.template.findMany({
    where: { kind: "http" },
    select: { templateId: true, definition: true },
  }))
    if (plain(row.definition)) {
      await db.template.update({
        where: { templateId: row.templateId },
        data: {
          definition: sealHeaders(row.definition as Record<string, unknown>, env) as Prisma.InputJsonValue,
        },
      });
      sealed += 1;
    }
  for (const row of await db.templateVersion.findMany({
    where: { kind: "http" },
    select: { templateId: true, version: true, definition: true },
  }))
    if (plain(row.definition)) {
      await db.templateVersion.update({
        where: { templateId_version: { templateId: row.templateId, version: row.version } },
        data: {
          definition: sealHeaders(row.definition as Record<string, unknown>, env) as Prisma.InputJsonValue,
        },
      });
      sealed += 1;
    }
  return sealed;
}

/**
 * The draft's headers in plain text: a hidden value is the stored one of the same header (`stored`,
 * the definition of the template being edited), which must exist — a copy of someone else's
 * template, or a new header, needs its value given.
 */
export function revealHeaders<T extends { headers: Headers }>(
  draft: T,
  stored: Record<string, unknown> | null,
  env: Env,
): T {
  const kept = stored ? headersOf(stored) : {};
  const headers: Headers = {};
  for (const [name, value] of Object.entries(draft.headers)) {
    if (value !== HIDDEN_HEADER_VALUE) headers[name] = value;
    else if (kept[name] !== undefined) headers[name] = openHeaderValue(kept[name], env);
    else
      throw new AppError({
        code: "bad_request",
        message: `Give the value of the header "${name}": stored values are kept only when the same template is saved again.`,
        issues: [{ path: ["definition", "headers", name], message: "has no stored value to keep" }],
      });
  }
  return { ...draft, headers };
}
