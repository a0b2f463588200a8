import { describe, expect } from "vitest";
import { scopeAllows } from "@/lib/api/scopes";
import { env } from "@/lib/env";
import { makeUser } from "@/lib/testing/engine";
import { dbTest } from "@/lib/testing/fixture";
import { createTokenBodySchema } from "./token-schema";
import { createToken, listTokens, revokeToken, userForToken } from "./tokens";
import type { SessionUser } from "./user";

const it = dbTest
  .extend("alice", { scope: "file" }, ({ database }) => makeUser(database, "alice"))
  .extend("bob", { scope: "file" }, ({ database }) => makeUser(database, "bob"))
  .extend(
    "create",
    { scope: "file" },
    ({ database }) =>
      (user: SessionUser, body: unknown) =>
        createToken(database.db, user, createTokenBodySchema.parse(body)),
  );

describe("API tokens", () => {
  it("are shown once, kept only as a hash, stand for their user, and note when they were used", async ({
    database,
    alice,
    bob,
    create,
  }) => {
    const { token, secret } = await create(alice, { name: "CI", scopes: ["run"] });
    expect(secret).toMatch(/^qf_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({
      name: "CI",
      scopes: ["run"],
      prefix: secret.slice(0, 9),
      lastUsedAt: null,
    });
    const stored = await database.sql<{ token_hash: string }>("SELECT token_hash FROM api_tokens");
    expect(JSON.stringify(stored)).not.toContain(secret.slice(3));

    expect(await userForToken(database.db, secret)).toEqual({ user: alice, scopes: ["run"] });
    const [listed] = await listTokens(database.db, alice);
    expect(listed!.lastUsedAt).not.toBeNull();
    expect(await listTokens(database.db, bob)).toEqual([]);
  });

  it("stop working at once when revoked, and once expired; another user's token is not theirs to revoke", async ({
    database,
    alice,
    bob,
    create,
  }) => {
    const { token, secret } = await create(alice, { name: "Soon gone", scopes: ["read"] });
    await expect(revokeToken(database.db, bob, token.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeToken(database.db, alice, "not-a-uuid")).rejects.toMatchObject({ code: "not_found" });
    await revokeToken(database.db, alice, token.id);
    expect(await userForToken(database.db, secret)).toBeNull();

    const expiring = await create(alice, {
      name: "Expiring",
      scopes: ["read"],
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(await userForToken(database.db, expiring.secret)).not.toBeNull();
    await database.sql("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1", [
      expiring.token.id,
    ]);
    expect(await userForToken(database.db, expiring.secret)).toBeNull();
    expect(await userForToken(database.db, "qf_made-up")).toBeNull();
    expect(await userForToken(database.db, "not a token")).toBeNull();
  });

  it("refuse a past expiry, an unknown scope, and more than the most a user may hold", async ({
    database,
    bob,
    create,
  }) => {
    expect(() => createTokenBodySchema.parse({ name: "x", scopes: ["admin"] })).toThrow();
    expect(() => createTokenBodySchema.parse({ name: "x", scopes: [] })).toThrow();
    expect(() =>
      createTokenBodySchema.parse({ name: "x", scopes: ["read"], expiresAt: "2020-01-01T00:00:00Z" }),
    ).toThrow(/must be in the future/);
    const have = (await listTokens(database.db, bob)).length;
    const most = env().TOKENS_PER_USER;
    for (let i = have; i < most; i++) await create(bob, { name: `t${i}`, scopes: ["read"] });
    await expect(create(bob, { name: "one more", scopes: ["read"] })).rejects.toMatchObject({
      status: 409,
      code: "conflict",
      message: `You have ${most} API tokens, the most allowed (${most}): revoke one you no longer use first.`,
    });
  });

  it("scopes nest: write includes run, run includes read", () => {
    expect(scopeAllows(["read"], "read")).toBe(true);
    expect(scopeAllows(["read"], "run")).toBe(false);
    expect(scopeAllows(["run"], "read")).toBe(true);
    expect(scopeAllows(["run"], "write")).toBe(false);
    expect(scopeAllows(["write"], "run")).toBe(true);
  });
});
