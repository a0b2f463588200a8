import { describe, expect } from "vitest";
import type { SessionUser } from "@/lib/auth/user";
import { compositionDocumentSchema } from "@/lib/compositions/schema";
import { createComposition } from "@/lib/compositions/service";
import { makeUser } from "@/lib/testing/engine";
import { dbTest } from "@/lib/testing/fixture";
import { listExecutions } from "./read";
import { listExecutionsQuerySchema } from "./schema";
import { startRun } from "./start-run";

const it = dbTest.extend(
  "user",
  { scope: "file" },
  async ({ database }): Promise<SessionUser> => makeUser(database, "historian"),
);

describe("run history", () => {
  it("pages through every run once, newest first, also when runs started in the same millisecond", async ({
    database,
    user,
  }) => {
    const composition = await createComposition(
      database.db,
      user,
      compositionDocumentSchema.parse({ name: "Paged runs", nodes: [{ nodeId: "a", templateId: "echo" }] }),
    );
    const started = [];
    for (let i = 0; i < 5; i++) {
      started.push(
        await startRun(database.db, user, { id: composition.id }, { parameters: {}, trigger: "api" }),
      );
    }
    // Three of them in one (earlier) millisecond, as concurrent API calls can be.
    await database.sql(
      "UPDATE composition_executions SET created_at = '2026-01-01T00:00:00.123Z' WHERE id = ANY($1)",
      [started.slice(1, 4).map((run) => run.id)],
    );

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const query = listExecutionsQuerySchema.parse({ composition: "paged runs", limit: 2, cursor });
      const page = await listExecutions(database.db, user, query);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((run) => run.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    expect(seen).toHaveLength(5);
    expect(new Set(seen)).toEqual(new Set(started.map((run) => run.id)));
    // The two not moved are the newest, the newest first.
    expect(seen.slice(0, 2)).toEqual([started[4]!.id, started[0]!.id]);
  });

  it("refuses a cursor it did not give out, naming it", () => {
    const parsed = listExecutionsQuerySchema.safeParse({ cursor: "not-a-cursor" });
    expect(parsed.error?.issues[0]?.path).toEqual(["cursor"]);
  });
});
