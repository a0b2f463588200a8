import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/user";
import { testDataSourceDeps } from "@/lib/testing/data-source-deps";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { makeUser } from "@/lib/testing/engine";
import { SHOP_PASSWORD, startShopDatabase } from "@/lib/testing/shop-database";
import type { DataSourceDeps } from "./service";
import {
  createDataSource,
  dataSourceSchema,
  deleteDataSource,
  getDataSource,
  listDataSources,
  queryDataSource,
  testDataSource,
  updateDataSource,
} from "./service";

// A second, real PostgreSQL stands for a customer's database: its own tables, a user of its own.
let shop: Awaited<ReturnType<typeof startShopDatabase>>;
let database: TestDatabase;
let deps: DataSourceDeps;
let alice: SessionUser;
let bob: SessionUser;
let admin: SessionUser;

const connection = () => shop.connection;
const limits = { timeoutMs: 2_000, maxRows: 1_000, maxBytes: 1 << 26 };

beforeAll(async () => {
  shop = await startShopDatabase();
  database = await createTestDatabase();
  deps = testDataSourceDeps(database);
  alice = await makeUser(database, "alice");
  bob = await makeUser(database, "bob");
  admin = { ...(await makeUser(database, "root")), role: "admin" };
}, 120_000);

afterAll(async () => {
  await database.drop();
  await shop.stop();
});

const ordersSum = async () =>
  (await shop.sql<{ sum: string }>("SELECT sum(amount) AS sum FROM orders"))[0]!.sum;

describe("a PostgreSQL data source", () => {
  it("connects, lists what its user may read, and answers a query with the rows the database has", async () => {
    const source = await createDataSource(
      database.db,
      alice,
      { name: "Shop", kind: "postgres", connection: connection(), shared: false },
      deps,
    );
    expect(source).toMatchObject({ hasPassword: true, builtIn: false, canEdit: true, shared: false });
    expect(JSON.stringify(source)).not.toContain(SHOP_PASSWORD);

    const test = await testDataSource(database.db, alice, source.id, deps);
    expect(test.serverVersion).toMatch(/^PostgreSQL \d+/);
    expect(test.latencyMs).toBeGreaterThanOrEqual(0);

    const schema = await dataSourceSchema(database.db, alice, source.id, { refresh: false }, deps);
    expect(schema.tables.map((table) => `${table.schema}.${table.name}`)).toContain("public.orders");
    expect(schema.tables.find((table) => table.name === "orders")!.columns).toEqual([
      { name: "id", type: "integer" },
      { name: "amount", type: "numeric" },
      { name: "placed", type: "date" },
    ]);
    const cached = await dataSourceSchema(database.db, alice, source.id, { refresh: false }, deps);
    expect(cached.cachedAt).toBe(schema.cachedAt);
    const refreshed = await dataSourceSchema(database.db, alice, source.id, { refresh: true }, deps);
    expect(refreshed.cachedAt > schema.cachedAt).toBe(true);

    const query = {
      text: "SELECT id, amount, placed FROM orders WHERE amount > $1 ORDER BY id",
      values: [400],
    };
    const result = await queryDataSource(database.db, alice, source.id, query, limits, deps);
    const direct = await shop.sql<{ id: number; amount: string; placed: string }>(
      "SELECT id, amount::float8 AS amount, to_char(placed, 'YYYY-MM-DD') AS placed FROM orders WHERE amount > 400 ORDER BY id",
    );
    expect(result.rows).toEqual(direct);
    expect(result.columns.map((column) => `${column.name}:${column.type}`)).toEqual([
      "id:integer",
      "amount:number",
      "placed:date",
    ]);
    const capped = await queryDataSource(
      database.db,
      alice,
      source.id,
      { text: "SELECT * FROM orders", values: [] },
      { ...limits, maxRows: 10 },
      deps,
    );
    expect(capped).toMatchObject({ truncated: true });
    expect(capped.rows).toHaveLength(10);
  });

  it("refuses every way of writing or escaping, and leaves the data as it was", async () => {
    const source = await createDataSource(
      database.db,
      alice,
      { name: "Shop (hostile)", kind: "postgres", connection: connection(), shared: false },
      deps,
    );
    const before = await ordersSum();
    // 400: PostgreSQL's parser finds no single read, so nothing is sent; 422: the database refuses it.
    const hostile: [string, "bad_request" | "unprocessable_entity", RegExp][] = [
      ["DELETE FROM orders", "bad_request", /is DELETE/],
      ["UPDATE orders SET amount = 0 RETURNING *", "bad_request", /is UPDATE/],
      ["INSERT INTO orders VALUES (99, 1, '2025-01-01') RETURNING *", "bad_request", /is INSERT/],
      ["SELECT 1; DELETE FROM orders", "bad_request", /2 statements \(SELECT, DELETE\)/],
      ["WITH gone AS (DELETE FROM orders RETURNING *) SELECT * FROM gone", "bad_request", /uses a DELETE/],
      ["SELECT set_config('role', 'postgres', false)", "bad_request", /set_config\(\)/],
      ["RESET ROLE", "bad_request", /is SET/],
      ["SELECT pg_read_file('/etc/passwd')", "unprocessable_entity", /permission denied/],
      ["COPY orders TO PROGRAM 'id'", "bad_request", /is COPY/],
      ["SELECT * FROM payroll", "unprocessable_entity", /permission denied/],
      ["SELECT pg_sleep(5)", "unprocessable_entity", /statement timeout/],
    ];
    for (const [text, code, error] of hostile) {
      await expect(
        queryDataSource(
          database.db,
          alice,
          source.id,
          { text, values: [] },
          { ...limits, timeoutMs: 300 },
          deps,
        ),
        text,
      ).rejects.toMatchObject({ code, message: expect.stringMatching(error) });
    }
    expect(await ordersSum()).toBe(before);
  });

  it("refuses to connect as a superuser, whose reads read-only could not hold", async () => {
    const superuser = new URL(shop.url);
    const source = await createDataSource(
      database.db,
      alice,
      {
        name: "Shop as postgres",
        kind: "postgres",
        connection: {
          ...connection(),
          user: superuser.username,
          password: decodeURIComponent(superuser.password),
        },
        shared: false,
      },
      deps,
    );
    await expect(testDataSource(database.db, alice, source.id, deps)).rejects.toMatchObject({
      code: "unprocessable_entity",
      message: expect.stringContaining("is a superuser"),
    });
    await expect(
      queryDataSource(database.db, alice, source.id, { text: "SELECT 1 AS one", values: [] }, limits, deps),
    ).rejects.toMatchObject({ message: expect.stringContaining("is a superuser") });
  });

  it("is another user's to see only when shared, which only an admin may do", async () => {
    const mine = await createDataSource(
      database.db,
      alice,
      { name: "Alice's shop", kind: "postgres", connection: connection(), shared: false },
      deps,
    );
    for (const attempt of [
      () => getDataSource(database.db, bob, mine.id),
      () => testDataSource(database.db, bob, mine.id, deps),
      () => dataSourceSchema(database.db, bob, mine.id, { refresh: false }, deps),
      () => queryDataSource(database.db, bob, mine.id, { text: "SELECT 1 AS one", values: [] }, limits, deps),
      () => deleteDataSource(database.db, bob, mine.id, deps),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: "not_found" });
    }
    expect((await listDataSources(database.db, bob)).map((source) => source.id)).not.toContain(mine.id);
    const body = {
      name: "Everyone's shop",
      kind: "postgres" as const,
      connection: connection(),
      shared: true,
    };
    await expect(createDataSource(database.db, bob, body, deps)).rejects.toMatchObject({ code: "forbidden" });
    const shared = await createDataSource(database.db, admin, body, deps);
    expect((await listDataSources(database.db, bob)).find((source) => source.id === shared.id)).toMatchObject(
      {
        shared: true,
        canEdit: false,
        hasPassword: true,
      },
    );
    expect((await testDataSource(database.db, bob, shared.id, deps)).ok).toBe(true);
  });

  it("sends a stored password only to the server and user it was given for, the way it was given", async () => {
    const source = await createDataSource(
      database.db,
      alice,
      { name: "Shop", kind: "postgres", connection: connection(), shared: false },
      deps,
    );
    const { password: _, ...withoutPassword } = connection();
    const renamed = await updateDataSource(
      database.db,
      alice,
      source.id,
      { name: "Shop, renamed", kind: "postgres", connection: withoutPassword, shared: false },
      deps,
    );
    expect(renamed).toMatchObject({ name: "Shop, renamed", hasPassword: true });
    expect((await testDataSource(database.db, alice, source.id, deps)).ok).toBe(true);
    await expect(
      updateDataSource(
        database.db,
        alice,
        source.id,
        {
          name: "Elsewhere",
          kind: "postgres",
          connection: { ...withoutPassword, host: "db.example.com" },
          shared: false,
        },
        deps,
      ),
    ).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringContaining("Give the password again"),
    });
    // From TLS to none: the password would travel in the clear.
    await database.sql(
      `UPDATE data_sources SET connection = jsonb_set(connection, '{sslMode}', '"require"') WHERE id = $1::uuid`,
      [source.id],
    );
    await expect(
      updateDataSource(
        database.db,
        alice,
        source.id,
        {
          name: "Shop",
          kind: "postgres",
          connection: { ...withoutPassword, sslMode: "disable" },
          shared: false,
        },
        deps,
      ),
    ).rejects.toMatchObject({ code: "bad_request", message: expect.stringContaining("TLS mode") });
    // The source now asks for TLS of a server that has none: the answer says which mode to pick.
    await expect(testDataSource(database.db, alice, source.id, deps)).rejects.toMatchObject({
      code: "unprocessable_entity",
      message: expect.stringContaining('does not support SSL connections: choose SSL mode "disable"'),
    });
  });

  it("may not point at QueryFlow's own database, nor outside DATA_SOURCE_HOSTS when it is set", async () => {
    const own = new URL(database.url);
    const body = (host: string, port: number) => ({
      name: "Sneaky",
      kind: "postgres" as const,
      connection: { ...connection(), host, port },
      shared: false,
    });
    // Every spelling of this machine: names, "any" addresses, IPv4-mapped IPv6, short and numeric forms.
    for (const host of [
      "localhost",
      "127.0.0.1",
      own.hostname,
      "0.0.0.0",
      "0",
      "::",
      "::ffff:7f00:1",
      "0:0:0:0:0:ffff:7f00:1",
      "::ffff:127.0.0.1",
      "127.1",
      "2130706433",
    ]) {
      await expect(
        createDataSource(database.db, alice, body(host, Number(own.port)), deps),
      ).rejects.toMatchObject({
        code: "unprocessable_entity",
        message: expect.stringContaining("QueryFlow's own database"),
      });
    }
    const strict = { ...deps, env: { ...deps.env, DATA_SOURCE_HOSTS: ["warehouse.internal"] } };
    await expect(
      createDataSource(database.db, alice, body("127.0.0.1", shop.port), strict),
    ).rejects.toMatchObject({
      code: "unprocessable_entity",
      message: expect.stringContaining("DATA_SOURCE_HOSTS"),
    });
  });

  it("may be at most DATA_SOURCES_PER_USER a user, then 409 (a wait would not help)", async () => {
    const carol = await makeUser(database, "carol");
    const two = { ...deps, env: { ...deps.env, DATA_SOURCES_PER_USER: 2 } };
    const body = { name: "Shop", kind: "postgres" as const, connection: connection(), shared: false };
    await createDataSource(database.db, carol, body, two);
    await createDataSource(database.db, carol, body, two);
    await expect(createDataSource(database.db, carol, body, two)).rejects.toMatchObject({
      status: 409,
      code: "conflict",
      message: expect.stringContaining("the most allowed (2)"),
    });
  });

  it("keeps no password readable in QueryFlow's own database", async () => {
    await createDataSource(
      database.db,
      alice,
      { name: "Shop", kind: "postgres", connection: connection(), shared: false },
      deps,
    );
    const tables = await database.sql<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    expect(tables.length).toBeGreaterThan(10);
    for (const { schema, name } of tables) {
      const rows = await database.sql<{ row: string }>(
        `SELECT t::text AS row FROM ${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(name)} t`,
      );
      expect(
        rows.filter((row) => row.row.includes(SHOP_PASSWORD)),
        `${schema}.${name}`,
      ).toEqual([]);
    }
  });
});

describe("the sample warehouse", () => {
  it("is a built-in source everyone sees and may query, and no one may change", async () => {
    const sample = (await listDataSources(database.db, bob)).find((source) => source.builtIn)!;
    expect(sample).toMatchObject({
      name: "Sample warehouse",
      kind: "postgres",
      shared: true,
      canEdit: false,
    });
    expect((await testDataSource(database.db, bob, sample.id, deps)).ok).toBe(true);
    const schema = await dataSourceSchema(database.db, bob, sample.id, { refresh: true }, deps);
    expect(new Set(schema.tables.map((table) => table.schema))).toEqual(new Set(["warehouse"]));
    const result = await queryDataSource(
      database.db,
      bob,
      sample.id,
      { text: "SELECT count(*) AS campaigns FROM campaigns", values: [] },
      limits,
      deps,
    );
    expect(result.rows[0]!.campaigns).toBeGreaterThan(0);
    await expect(deleteDataSource(database.db, admin, sample.id, deps)).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});
