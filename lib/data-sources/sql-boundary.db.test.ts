import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withShopAndWarehouse } from "@/lib/testing/data-source-deps";
import { readOnlyQuery } from "./drivers/postgres";
import { describeOnDataSource, queryDataSource, queryForRun } from "./service";

// The attacks of a security review, each on real servers: the shop database stands for a user's own
// PostgreSQL, the test database (QueryFlow's own) holds the sample warehouse.
let setup: Awaited<ReturnType<typeof withShopAndWarehouse>>;
let warehouseId: string;
const limits = { timeoutMs: 5_000, maxRows: 1_000, maxBytes: 64 * 1024 * 1024 };

beforeAll(async () => {
  setup = await withShopAndWarehouse();
  warehouseId = setup.warehouseId;
  await setup.shop.sql(`
    CREATE TABLE audit (note text);
    GRANT INSERT, SELECT ON audit TO analyst;
    -- A function of the user's own database that leaves settings on the session it runs in, which a
    -- read-only transaction allows (it refuses temp tables).
    CREATE FUNCTION leave_traces() RETURNS int LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM set_config('search_path', 'pg_catalog', false);
      PERFORM set_config('work_mem', '1GB', false);
      RETURN 1;
    END $$;
    -- One that lifts its own statement_timeout for the rest of the statement.
    CREATE FUNCTION lift_timeout() RETURNS int LANGUAGE sql AS $$ SELECT set_config('statement_timeout', '0', true)::int $$;
    GRANT EXECUTE ON FUNCTION leave_traces(), lift_timeout() TO analyst;`);
}, 120_000);

afterAll(async () => {
  await setup.stop();
});

const STACKED =
  "SELECT 1 AS a) AS r; COMMIT; BEGIN READ WRITE; INSERT INTO audit VALUES ('x'); COMMIT; SELECT * FROM (SELECT 1 AS a";
const auditRows = async () =>
  Number((await setup.shop.sql<{ n: string }>("SELECT count(*) AS n FROM audit"))[0]!.n);

describe("one read-only statement", () => {
  it("leaves the table unchanged whatever is stacked, through preview, describe and runs", async () => {
    const { database, alice, sourceId, deps } = setup;
    for (const text of [
      STACKED,
      "SELECT 1; INSERT INTO audit VALUES ('x')",
      "SELECT 1 /* ; */; INSERT INTO audit VALUES ('x') -- ;",
      "SELECT $$;$$ AS a; INSERT INTO audit VALUES ('x')",
      "WITH w AS (INSERT INTO audit VALUES ('x') RETURNING *) SELECT * FROM w",
      "EXPLAIN ANALYZE INSERT INTO audit VALUES ('x')",
    ]) {
      await expect(
        queryDataSource(database.db, alice, sourceId, { text, values: [] }, limits, deps),
        text,
      ).rejects.toMatchObject({ code: expect.stringMatching(/^(bad_request|unprocessable_entity)$/) });
      await expect(
        describeOnDataSource(database.db, alice, sourceId, text, deps),
        text,
      ).rejects.toMatchObject({
        code: expect.stringMatching(/^(bad_request|unprocessable_entity)$/),
      });
      await expect(
        queryForRun(database.db, sourceId, { text, values: [] }, limits, deps),
        text,
      ).rejects.toThrow();
    }
    expect(await auditRows()).toBe(0);
  });

  it("names what it found: 400 for a statement that is not one read", async () => {
    const { database, alice, sourceId, deps } = setup;
    const refused = (text: string) =>
      queryDataSource(database.db, alice, sourceId, { text, values: [] }, limits, deps);
    await expect(refused("SELECT 1; INSERT INTO audit VALUES ('x')")).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringContaining("2 statements (SELECT, INSERT)"),
    });
    await expect(refused("SET LOCAL statement_timeout = 0")).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringContaining("is SET"),
    });
    await expect(refused("CREATE TEMP TABLE campaigns AS SELECT 1 AS id")).rejects.toMatchObject({
      code: "bad_request",
    });
    // Functions that run SQL given as text would hide it from the parser.
    await expect(
      refused(
        "SELECT query_to_xml('select pg_terminate_backend(pid) from pg_stat_activity', true, false, '')",
      ),
    ).rejects.toMatchObject({ code: "bad_request", message: expect.stringContaining("query_to_xml()") });
    // The parser counts bytes: a multi-byte comment before the statement must not shift what is sent.
    const shifted = await refused("/*éééééééé*/SELECT 'PAYLOAD' AS p;");
    expect(shifted.rows).toEqual([{ p: "PAYLOAD" }]);
    const described = await describeOnDataSource(
      database.db,
      alice,
      sourceId,
      "/* ü */ SELECT 1 AS one;",
      setup.deps,
    );
    expect(described.columns.map((column) => column.name)).toEqual(["one"]);
    // A `;` inside a string, a dollar quote or a comment is not a second statement.
    const fine = await refused("SELECT 'a;b' AS s, $q$;$q$ AS d -- ; DELETE\n");
    expect(fine.rows).toEqual([{ s: "a;b", d: ";" }]);
  });

  it("on the sample warehouse: the reader's password cannot be changed, nor its settings, nor temp tables made", async () => {
    const { database, alice, deps } = setup;
    for (const text of [
      "ALTER ROLE queryflow_warehouse_reader PASSWORD 'taken'",
      "SELECT 1 AS a) AS r; COMMIT; ALTER ROLE queryflow_warehouse_reader PASSWORD 'taken'; SELECT * FROM (SELECT 1 AS a",
      "SELECT 1; ALTER ROLE queryflow_warehouse_reader SET statement_timeout = 0",
      "SELECT set_config('statement_timeout', '0', false)",
      "CREATE TEMP TABLE campaigns AS SELECT 1 AS id",
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity",
      "SELECT pg_advisory_lock(1)",
    ])
      await expect(
        queryDataSource(database.db, alice, warehouseId, { text, values: [] }, limits, deps),
        text,
      ).rejects.toMatchObject({ code: expect.stringMatching(/^(bad_request|unprocessable_entity)$/) });
    const campaigns = await queryDataSource(
      database.db,
      alice,
      warehouseId,
      {
        text: "SELECT count(*) AS n, current_setting('temp_file_limit') AS temp_files FROM campaigns",
        values: [],
      },
      limits,
      deps,
    );
    const direct = await database.sql<{ n: string }>("SELECT count(*) AS n FROM warehouse.campaigns");
    // Its sorts and hashes may spill at most 1 GB to QueryFlow's disk.
    expect(campaigns.rows).toEqual([{ n: Number(direct[0]!.n), temp_files: "1GB" }]);

    // Even connected as the reader itself, outside QueryFlow's checks, it may not make a temp table.
    const reader = new pg.Client({ connectionString: await deps.warehouseReaderUrl() });
    await reader.connect();
    try {
      await reader.query("BEGIN READ WRITE");
      await expect(reader.query("CREATE TEMP TABLE campaigns (id int)")).rejects.toThrow(/permission denied/);
    } finally {
      await reader.end();
    }
  });

  it("logs the warehouse reader in again when its password was changed behind QueryFlow's back", async () => {
    const { database, alice, deps } = setup;
    await database.sql("ALTER ROLE queryflow_warehouse_reader PASSWORD 'changed-elsewhere'");
    // Connections already logged in would hide it: the next query logs in anew.
    await database.sql(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'queryflow_warehouse_reader'",
    );
    const result = await queryDataSource(
      database.db,
      alice,
      warehouseId,
      { text: "SELECT 1 AS one", values: [] },
      limits,
      deps,
    );
    expect(result.rows).toEqual([{ one: 1 }]);
  });
});

describe("a pooled connection", () => {
  it("keeps nothing one query left on its session for the next query, another user's included", async () => {
    const { database, alice, bob, sourceId, deps } = setup;
    // Bob may use alice's source once it is shared. The pool hands out the connection released last,
    // so the next query runs on the session the first one used.
    await database.sql("UPDATE data_sources SET is_shared = true WHERE id = $1::uuid", [sourceId]);
    const query = (user: typeof alice, text: string) =>
      queryDataSource(database.db, user, sourceId, { text, values: [] }, limits, deps);
    const seen =
      "SELECT sum(amount) AS total, current_setting('search_path') AS path, current_setting('work_mem') AS work_mem FROM orders";
    const [fresh] = await setup.shop.sql<{ total: string; path: string; work_mem: string }>(seen);
    await query(alice, "SELECT leave_traces() AS done");
    const next = await query(bob, seen);
    expect(next.rows).toEqual([
      { total: Number(fresh!.total), path: fresh!.path, work_mem: fresh!.work_mem },
    ]);
  });
});

describe("bounded in time and bytes", () => {
  it("stops a statement that lifted its own statement_timeout, at the deadline", async () => {
    const { database, alice, sourceId, deps } = setup;
    // The first row lifts the timeout; the rows after it would sleep a minute each.
    const text =
      "SELECT CASE WHEN g = 1 THEN lift_timeout() ELSE pg_sleep(60)::text::int END AS x FROM generate_series(1, 3) g";
    await expect(
      queryDataSource(
        database.db,
        alice,
        sourceId,
        { text, values: [] },
        { ...limits, timeoutMs: 300 },
        deps,
      ),
    ).rejects.toMatchObject({
      code: "unprocessable_entity",
      message: expect.stringMatching(/time limit|timeout|cancel/),
    });
    // The statement is stopped in the database too, not only abandoned.
    const sleeping = async () =>
      Number(
        (
          await setup.shop.sql<{ n: string }>(
            "SELECT count(*) AS n FROM pg_stat_activity WHERE usename = 'analyst' AND query LIKE '%lift_timeout%' AND state = 'active'",
          )
        )[0]!.n,
      );
    await expect.poll(sleeping, { timeout: 10_000 }).toBe(0);
  });

  it("cuts a result off at maxBytes, and fails a single row larger than twice it", async () => {
    const { database, alice, sourceId, deps } = setup;
    const small = { ...limits, maxBytes: 1024 * 1024 };
    const cut = await queryDataSource(
      database.db,
      alice,
      sourceId,
      { text: "SELECT g, repeat('x', 400000) AS pad FROM generate_series(1, 101) g", values: [] },
      small,
      deps,
    );
    // 400 kB rows against 1 MB: the third row passes the limit, and reading stops there.
    expect(cut.truncated).toBe(true);
    expect(cut.rows.map((row) => row.g)).toEqual([1, 2, 3]);
    expect((cut.rows[0]!.pad as string).length).toBe(400_000);
    await expect(
      queryDataSource(
        database.db,
        alice,
        sourceId,
        { text: "SELECT repeat('x', 5000000) AS pad", values: [] },
        small,
        deps,
      ),
    ).rejects.toMatchObject({
      code: "unprocessable_entity",
      message: expect.stringContaining("RESULT_MAX_BYTES"),
    });
    // The pool is still good for the next query.
    const after = await queryDataSource(
      database.db,
      alice,
      sourceId,
      { text: "SELECT 1 AS one", values: [] },
      small,
      deps,
    );
    expect(after.rows).toEqual([{ one: 1 }]);
  });

  it("reads the review's giant preview on the warehouse with the process under 1 GB", async () => {
    const { deps } = setup;
    const pool = new pg.Pool({ connectionString: await deps.warehouseReaderUrl(), max: 1 });
    try {
      const result = await readOnlyQuery(
        pool,
        { text: "SELECT repeat('x', 45000000) AS pad FROM generate_series(1, 101)", values: [] },
        { timeoutMs: 60_000, maxRows: 100, maxBytes: deps.env.RESULT_MAX_BYTES, searchPath: "warehouse" },
      );
      expect(result.truncated).toBe(true);
      expect(result.rows.length).toBeLessThan(101);
      expect(process.memoryUsage().rss).toBeLessThan(1024 ** 3);
    } finally {
      await pool.end();
    }
  }, 120_000);
});

describe("fair shares of a source", () => {
  it("queue one user's slow queries behind their own: another user's query is answered first", async () => {
    const { database, alice, bob, sourceId, deps } = setup;
    await database.sql("UPDATE data_sources SET is_shared = true WHERE id = $1::uuid", [sourceId]);
    const finished: string[] = [];
    const query = (user: typeof alice, label: string, text: string) =>
      queryDataSource(
        database.db,
        user,
        sourceId,
        { text, values: [] },
        { ...limits, timeoutMs: 30_000 },
        deps,
      ).then(() => {
        finished.push(label);
      });
    // Three slow ones from alice: more than the pool's three connections would be, counted with bob's.
    const slow = [1, 2, 3].map((n) => query(alice, `alice ${n}`, "SELECT pg_sleep(3) AS slept"));
    await expect
      .poll(async () =>
        Number(
          (
            await setup.shop.sql<{ n: string }>(
              "SELECT count(*) AS n FROM pg_stat_activity WHERE usename = 'analyst' AND query LIKE '%pg_sleep(3)%' AND state = 'active'",
            )
          )[0]!.n,
        ),
      )
      .toBe(1);
    await query(bob, "bob", "SELECT 1 AS one");
    expect(finished).toEqual(["bob"]);
    await Promise.all(slow);
    expect(finished).toHaveLength(4);
    expect(finished[0]).toBe("bob");
  }, 60_000);
});
