import { verifyPassword } from "better-auth/crypto";
import { describe, expect } from "vitest";
import { makeUser } from "@/lib/testing/engine";
import { dbTest } from "@/lib/testing/fixture";
import { listUsers, resetPassword, setRole } from "./admin-commands";

/** An admin ("owner") and a user ("plain") who has a password and a session, made before the first test. */
const it = dbTest.extend("accounts", { scope: "file", auto: true }, async ({ database }) => {
  await makeUser(database, "owner");
  const plain = await makeUser(database, "plain");
  await database.db.account.create({
    data: { id: "acc", accountId: plain.id, providerId: "credential", userId: plain.id, password: "old" },
  });
  await database.db.session.create({
    data: { id: "s", token: "t", userId: plain.id, expiresAt: new Date(Date.now() + 3_600_000) },
  });
  return { plain };
});

describe("npm run user", () => {
  it("makes an account admin and back, but never demotes the last admin", async ({ database }) => {
    await setRole(database.db, "PLAIN@example.com", "admin");
    expect((await listUsers(database.db)).map((user) => user.role)).toEqual(["admin", "admin"]);
    await setRole(database.db, "plain@example.com", "user");
    await expect(setRole(database.db, "owner@example.com", "user")).rejects.toThrow(
      "owner@example.com is the only admin: make another account admin first.",
    );
    await expect(setRole(database.db, "nobody@example.com", "admin")).rejects.toThrow(
      "No account with the e-mail nobody@example.com.",
    );
  });

  it("resets a password to a new one that signs in, and ends the account's sessions", async ({
    database,
  }) => {
    const password = await resetPassword(database.db, "plain@example.com");
    const account = await database.db.account.findUniqueOrThrow({ where: { id: "acc" } });
    expect(await verifyPassword({ hash: account.password!, password })).toBe(true);
    expect(await database.db.session.count({ where: { id: "s" } })).toBe(0);
  });
});
