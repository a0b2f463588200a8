import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { dataSourceDeps } from "@/lib/data-sources/deps";
import { createDataSource, type DataSourceDeps } from "@/lib/data-sources/service";
import { parseEnv } from "@/lib/env";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { makeUser } from "@/lib/testing/engine";
import { SHOP_PASSWORD, startShopDatabase } from "@/lib/testing/shop-database";
import { describeSqlTemplate, previewSqlTemplate } from "./authoring";

let shop: Awaited<ReturnType<typeof startShopDatabase>>;
let database: TestDatabase;
let deps: DataSourceDeps;
let alice: SessionUser;
let bob: SessionUser;
let sourceId: string;

const sql = (text: string) => ({ kind: "sql" as const, dataSourceId: sourceId, definition: { sql: text } });

beforeAll(async () => {
  shop = await startShopDatabase();
  database = await createTestDatabase();
  deps = {
    ...dataSourceDeps(database.db, database.url),
    env: parseEnv({ ...process.env, DATABASE_URL: database.url }),
  };
  alice = await makeUser(database, "alice");
  bob = await makeUser(database, "bob");
  const source = await createDataSource(
    database.db,
    alice,
    {
      name: "Shop",
      kind: "postgres",
      connection: {
        host: "127.0.0.1",
        port: shop.port,
        database: "shop",
        user: "analyst",
        password: SHOP_PASSWORD,
        sslMode: "disable",
      },
      shared: false,
    },
    deps,
  );
  sourceId = source.id;
}, 120_000);
afterAll(async () => {
  await database.drop();
  await shop.stop();
});

const ORDERS = "SELECT id, amount, placed FROM orders\nWHERE amount > :min AND placed >= :since\nORDER BY id";

describe("writing a SQL template over a data source", () => {
  it("finds the parameters in the text and the database's types for them and for every column", async () => {
    expect(await describeSqlTemplate(database.db, alice, sql(ORDERS), deps)).toEqual({
      parameters: [
        { name: "min", type: "number", required: true, description: "" },
        { name: "since", type: "date", required: true, description: "" },
      ],
      outputs: [
        { name: "id", type: "integer", description: "" },
        { name: "amount", type: "number", description: "" },
        { name: "placed", type: "date", description: "" },
      ],
    });
  });

  it("describes without running: a query that would fail on its rows describes fine, and its preview fails", async () => {
    const boom = sql("SELECT 1 / (g - g) AS boom FROM generate_series(1, 3) g");
    expect((await describeSqlTemplate(database.db, alice, boom, deps)).outputs).toEqual([
      { name: "boom", type: "integer", description: "" },
    ]);
    await expect(previewSqlTemplate(database.db, alice, { ...boom, values: {} }, deps)).rejects.toMatchObject(
      {
        code: "unprocessable_entity",
        message: expect.stringContaining("division by zero"),
      },
    );
  });

  it("previews the first 100 rows with the values given, the same rows the database answers", async () => {
    const preview = await previewSqlTemplate(
      database.db,
      alice,
      { ...sql(ORDERS), values: { min: 400, since: "2025-01-10" } },
      deps,
    );
    const direct = await shop.sql<{ id: number }>(
      "SELECT id FROM orders WHERE amount > 400 AND placed >= '2025-01-10' ORDER BY id",
    );
    expect(preview.rows.map((row) => row.id)).toEqual(direct.map((row) => row.id));
    expect(preview).toMatchObject({ rowCount: direct.length, truncated: false });
    expect(preview.durationMs).toBeGreaterThanOrEqual(0);
    const many = await previewSqlTemplate(
      database.db,
      alice,
      { ...sql("SELECT g FROM generate_series(1, 500) g"), values: {} },
      deps,
    );
    expect(many).toMatchObject({ rowCount: 100, truncated: true });
  });

  it("points at the line the database found wrong; a parameter with no type to infer is text", async () => {
    const wrong = sql("SELECT id,\n  amount\nFROM orderz");
    await expect(describeSqlTemplate(database.db, alice, wrong, deps)).rejects.toMatchObject({
      code: "unprocessable_entity",
      message: expect.stringMatching(/relation "orderz" does not exist \(line 3\)/),
      details: { line: 3 },
    });
    // A parameter nothing gives a type to is text, as PostgreSQL takes it; the user may change it.
    expect((await describeSqlTemplate(database.db, alice, sql("SELECT :x AS x"), deps)).parameters).toEqual([
      { name: "x", type: "string", required: true, description: "" },
    ]);
  });

  it("is not possible on another user's private source", async () => {
    await expect(describeSqlTemplate(database.db, bob, sql(ORDERS), deps)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      previewSqlTemplate(database.db, bob, { ...sql(ORDERS), values: {} }, deps),
    ).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
