import { describe, expect } from "vitest";
import type { AppError } from "@/lib/api/errors";
import type { TestDatabase } from "@/lib/testing/database";
import { makeUser } from "@/lib/testing/engine";
import { dbTest as it } from "@/lib/testing/fixture";
import { admitSignup, createInvite, deleteInvite, listInvites, signupPolicy } from "./signup";
import type { SessionUser } from "./user";

/** The first account, made by the first test: the admin. */
let admin: SessionUser;

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: AppError) => `${error.status} ${error.message}`,
  );
const tokenOf = (link: string) => new URL(link).searchParams.get("invite");
const invite = async (database: TestDatabase) =>
  tokenOf((await createInvite(database.db, admin, { note: "" }, "http://app.test")).link);

describe("sign-up policy", () => {
  it("is open until the first account exists, then by invitation", async ({ database }) => {
    expect(await signupPolicy(database.db, undefined)).toBe("open");
    expect(await refusal(admitSignup(database.db, "first@example.com", null, undefined))).toBeNull();
    admin = await makeUser(database, "first");
    expect(admin.role).toBe("admin");
    expect(await signupPolicy(database.db, undefined)).toBe("invite");
    expect(await refusal(admitSignup(database.db, "stranger@example.com", null, undefined))).toMatch(
      /^403 Sign-up here is by invitation/,
    );
  });

  it("admits one account per invite link, and refuses a made-up, used or withdrawn one", async ({
    database,
  }) => {
    const token = await invite(database);
    expect(await refusal(admitSignup(database.db, "made-up@example.com", "nope", undefined))).toMatch(
      /^403 This invite link is not valid/,
    );
    expect(await refusal(admitSignup(database.db, "Guest@Example.com", token, undefined))).toBeNull();
    expect(await refusal(admitSignup(database.db, "second@example.com", token, undefined))).toMatch(/^403/);
    const withdrawn = await createInvite(database.db, admin, { note: "for Bo" }, "http://app.test");
    await deleteInvite(database.db, admin, withdrawn.id);
    expect(
      await refusal(admitSignup(database.db, "bo@example.com", tokenOf(withdrawn.link), undefined)),
    ).toMatch(/^403/);
    const { invites } = await listInvites(database.db, admin);
    expect(invites.find((row) => row.usedByEmail === "guest@example.com")).toMatchObject({ status: "used" });
  });

  it("lets exactly one of two simultaneous sign-ups with one link through", async ({ database }) => {
    const token = await invite(database);
    const outcomes = await Promise.all(
      ["a@example.com", "b@example.com"].map((email) =>
        refusal(admitSignup(database.db, email, token, undefined)),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === null)).toHaveLength(1);
  });

  it("refuses an expired invite", async ({ database }) => {
    const token = await invite(database);
    await database.db.invite.updateMany({
      where: { usedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await refusal(admitSignup(database.db, "late@example.com", token, undefined))).toMatch(/expired/);
  });

  it("follows SIGNUP when it is set", async ({ database }) => {
    expect(await refusal(admitSignup(database.db, "anyone@example.com", null, "open"))).toBeNull();
    expect(
      await refusal(admitSignup(database.db, "anyone@example.com", await invite(database), "closed")),
    ).toMatch(/^403 Sign-up is closed here/);
  });

  it("leaves invites to admins", async ({ database }) => {
    const user = await makeUser(database, "plain");
    expect(await refusal(createInvite(database.db, user, { note: "" }, "http://app.test"))).toBe(
      "403 Only an admin manages invites.",
    );
    expect(await refusal(listInvites(database.db, user))).toMatch(/^403/);
  });
});
