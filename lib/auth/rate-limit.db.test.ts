import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER } from "@/lib/security/client-ip";
import { createAuthTestDatabase } from "@/lib/testing/auth";
import type { TestDatabase } from "@/lib/testing/database";
import { auth } from "./auth";

let database: TestDatabase;

beforeAll(async () => {
  // The app's own configuration, on this file's database, with a sign-in limit of 3 a minute.
  database = await createAuthTestDatabase({ AUTH_SIGN_IN_LIMIT: "3", AUTH_RATE_LIMIT_WINDOW: "60" });
});
afterAll(async () => {
  await database.drop();
});

// As our server passes a request on: the client address it resolved, beside whatever the client sent.
const signIn = (forwardedFor = "203.0.113.9") =>
  auth().handler(
    new Request("http://localhost:3000/api/auth/sign-in/email", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        [CLIENT_IP_HEADER]: "198.51.100.20",
        "x-forwarded-for": forwardedFor,
      },
      body: JSON.stringify({ email: "nobody@example.com", password: "not-the-password" }),
    }),
  );

describe("the sign-in rate limit", () => {
  it("decides from counters in the database, which every web process shares", async () => {
    for (let i = 0; i < 3; i++) expect((await signIn()).status).toBe(401);
    expect((await signIn()).status).toBe(429);
    const [counter] = await database.db.rateLimit.findMany({ where: { key: { contains: "sign-in" } } });
    expect(counter?.count).toBe(3);
    // The counter gone (its window over, as another process would see it): sign-in is allowed again.
    await database.db.rateLimit.deleteMany();
    expect((await signIn()).status).toBe(401);
  });

  it("is not lifted by a forged X-Forwarded-For on each attempt", async () => {
    await database.db.rateLimit.deleteMany();
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push((await signIn(`10.0.0.${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, ...Array(9).fill(429)]);
  });
});
