import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toErrorBody } from "@/lib/api/error-response";
import { freePort } from "@/lib/testing/free-port";
import { createDb, type Db } from "./client";
import { type EmbeddedDatabase, passwordFileOf, startEmbeddedPostgres } from "./embedded";
import { databaseIsUp } from "./health";
import { isDatabaseUnavailable } from "./unavailable";

// A PostgreSQL of its own, stopped and started again under a live client.
const dir = mkdtempSync(path.join(tmpdir(), "queryflow-outage-"));
let port: number;
let server: EmbeddedDatabase;
let db: Db;

beforeAll(async () => {
  port = await freePort();
  server = await startEmbeddedPostgres({ dir, port });
  db = createDb(server.url, { max: 2 });
});
afterAll(async () => {
  await db.$disconnect();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
  rmSync(passwordFileOf(dir), { force: true });
});

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  return run().then(
    () => null,
    (error: unknown) => error,
  );
}

describe("a database that goes away", () => {
  it("is a 503 with Retry-After for every kind of query, and the client works again once it is back", async () => {
    expect(await databaseIsUp(db)).toBe(true);
    await server.stop();

    const errors = [
      await failure(() => db.user.count()),
      await failure(() => db.$queryRaw`SELECT 1`),
      await failure(() => db.$transaction((tx) => tx.user.count())),
    ];
    for (const error of errors) {
      expect(isDatabaseUnavailable(error)).toBe(true);
      const { status, body, headers } = toErrorBody(error);
      expect(status).toBe(503);
      expect(body.error.code).toBe("database_unavailable");
      expect(headers).toEqual({ "Retry-After": "5" });
    }
    expect(await databaseIsUp(db)).toBe(false);

    server = await startEmbeddedPostgres({ dir, port });
    expect(await databaseIsUp(db)).toBe(true);
    expect(await db.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
  });

  it("covers a PostgreSQL that is shutting down, as the driver adapter reports it", () => {
    const shuttingDown = {
      name: "PrismaClientKnownRequestError",
      code: "P2010",
      meta: { driverAdapterError: { cause: { kind: "postgres", code: "57P01" } } },
    };
    expect(isDatabaseUnavailable(shuttingDown)).toBe(true);
    expect(isDatabaseUnavailable(new Error("terminating connection due to administrator command"))).toBe(
      true,
    );
  });

  it("is told apart from a request's own mistakes", () => {
    expect(isDatabaseUnavailable(new Error("syntax error at or near"))).toBe(false);
    expect(isDatabaseUnavailable({ code: "23505" })).toBe(false);
    expect(isDatabaseUnavailable({ code: "P2002" })).toBe(false);
  });
});
