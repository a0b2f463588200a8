// What an API token may do, and what an operation needs (safe in the browser: the account page lists them).

export const tokenScopes = ["read", "run", "write"] as const;
export type TokenScope = (typeof tokenScopes)[number];

/** Whether a token's scopes allow a request that needs `needed`: write includes run, run includes read. */
export function scopeAllows(scopes: readonly TokenScope[], needed: TokenScope): boolean {
  const rank: Record<TokenScope, number> = { read: 0, run: 1, write: 2 };
  return scopes.some((scope) => rank[scope] >= rank[needed]);
}
