import type { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { isUuid } from "@/lib/api/ids";
import { assertBelowCap } from "@/lib/api/quota";
import type { TokenScope } from "@/lib/api/scopes";
import type { DbOrTx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { hashToken, newSecretToken } from "@/lib/security/secret-token";
import { type createTokenBodySchema, TOKEN_PREFIX, type TokenResponse } from "./token-schema";
import { type SessionUser, toSessionUser } from "./user";

// Personal API tokens: `Authorization: Bearer qf_…` acts as their user, cut to their scopes.

/** How stale `last_used_at` may get: a token used in a loop is not written on every request. */
const LAST_USED_PRECISION_MS = 60_000;

type TokenRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
};

const toResponse = (row: TokenRow): TokenResponse => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  scopes: row.scopes as TokenScope[],
  expiresAt: row.expiresAt?.toISOString() ?? null,
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

export async function listTokens(db: DbOrTx, user: SessionUser): Promise<TokenResponse[]> {
  const rows = await db.apiToken.findMany({ where: { userId: user.id }, orderBy: { createdAt: "desc" } });
  return rows.map(toResponse);
}

/** A new token: the answer carries its secret, which is not kept and cannot be shown again. */
export async function createToken(
  db: DbOrTx,
  user: SessionUser,
  body: z.output<typeof createTokenBodySchema>,
) {
  const most = env().TOKENS_PER_USER;
  const have = await db.apiToken.count({ where: { userId: user.id } });
  assertBelowCap(
    have,
    most,
    `You have ${have} API tokens, the most allowed (${most}): revoke one you no longer use first.`,
  );
  const secret = newSecretToken(TOKEN_PREFIX);
  const row = await db.apiToken.create({
    data: {
      userId: user.id,
      name: body.name,
      tokenHash: hashToken(secret),
      prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
      scopes: body.scopes,
      expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
    },
  });
  return { token: toResponse(row), secret };
}

/** Revokes (deletes) one of the user's tokens: the next request with it is 401. */
export async function revokeToken(db: DbOrTx, user: SessionUser, id: string): Promise<void> {
  const { count } = isUuid(id)
    ? await db.apiToken.deleteMany({ where: { id, userId: user.id } })
    : { count: 0 };
  if (!count) throw new AppError({ code: "not_found", message: "No such API token." });
}

/**
 * The user and scopes a bearer token stands for, or null when it is unknown, revoked or expired.
 * Marks it used (at most once a minute).
 */
export async function userForToken(
  db: DbOrTx,
  secret: string,
): Promise<{ user: SessionUser; scopes: TokenScope[] } | null> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(secret) },
    include: { user: { select: { id: true, name: true, email: true, role: true } } },
  });
  if (!row || (row.expiresAt && row.expiresAt.getTime() <= Date.now())) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await db.apiToken.updateMany({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return {
    user: toSessionUser(row.user),
    scopes: row.scopes as TokenScope[],
  };
}
