import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe("the first account", () => {
  it("is the only admin, even when ten accounts are created at once", async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        database.db.user.create({ data: { id: `u${i}`, name: `User ${i}`, email: `u${i}@example.com` } }),
      ),
    );
    const admins = await database.db.user.findMany({ where: { role: "admin" } });
    expect(admins).toHaveLength(1);
    const first = await database.db.user.findFirstOrThrow({ orderBy: { createdAt: "asc" } });
    expect(await database.db.user.count({ where: { role: "user" } })).toBe(9);
    expect(first.createdAt.getTime()).toBeLessThanOrEqual(admins[0]!.createdAt.getTime());
  });
});
