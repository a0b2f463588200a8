import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthTestDatabase } from "@/lib/testing/auth";
import type { TestDatabase } from "@/lib/testing/database";
import { auth } from "./auth";
import { createInvite, INVITE_HEADER } from "./signup";
import type { SessionUser } from "./user";

let database: TestDatabase;

beforeAll(async () => {
  // The app's own better-auth, on this file's database, with SIGNUP left to its default.
  database = await createAuthTestDatabase({ AUTH_SIGN_IN_LIMIT: "100" });
});
afterAll(() => database.drop());

const signUp = (email: string, invite?: string) =>
  auth().handler(
    new Request("http://localhost:3000/api/auth/sign-up/email", {
      method: "POST",
      headers: { "content-type": "application/json", ...(invite ? { [INVITE_HEADER]: invite } : {}) },
      body: JSON.stringify({ email, password: "long-enough-password", name: email }),
    }),
  );

describe("sign-up through the auth API", () => {
  it("lets the first account in, then only holders of an invite link", async () => {
    expect((await signUp("first@example.com")).status).toBe(200);
    const stranger = await signUp("stranger@example.com");
    expect(stranger.status).toBe(403);
    expect((await stranger.json()).message).toMatch(/by invitation/);
    expect(await database.db.user.count()).toBe(1);

    const admin = await database.db.user.findFirstOrThrow();
    const { link } = await createInvite(
      database.db,
      admin as SessionUser,
      { note: "" },
      "http://localhost:3000",
    );
    const token = new URL(link).searchParams.get("invite")!;
    expect((await signUp("invited@example.com", token)).status).toBe(200);
    expect((await signUp("second@example.com", token)).status).toBe(403);
    expect((await database.db.user.findMany({ orderBy: { createdAt: "asc" } })).map((u) => u.email)).toEqual([
      "first@example.com",
      "invited@example.com",
    ]);
  });
});
