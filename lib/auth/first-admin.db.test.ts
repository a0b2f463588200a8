import { describe, expect } from "vitest";
import { dbTest as it } from "@/lib/testing/fixture";

describe("the first account", () => {
  it("is the only admin, even when ten accounts are created at once", async ({ database }) => {
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
