import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withShopAndWarehouse } from "@/lib/testing/data-source-deps";
import { describeOnDataSource, queryDataSource, queryForRun } from "./service";

// 2,000 generated statements — stacked, commented, dollar-quoted, with `;` inside strings, breaking
// out of a subquery — through preview, describe (what saving a template does) and a run's query, on
// a user's own PostgreSQL and on the sample warehouse. None may write, and none may change a setting
// that the next query on the same pooled session would see.

let setup: Awaited<ReturnType<typeof withShopAndWarehouse>>;
let warehouseId: string;
const limits = { timeoutMs: 2_000, maxRows: 100, maxBytes: 1024 * 1024 };

beforeAll(async () => {
  setup = await withShopAndWarehouse();
  warehouseId = setup.warehouseId;
  await setup.shop.sql(`
    CREATE TABLE audit (note text);
    GRANT INSERT, UPDATE, DELETE, SELECT ON audit TO analyst;
    GRANT CREATE ON SCHEMA public TO analyst;`);
}, 120_000);
afterAll(() => setup.stop());

const reads = [
  "SELECT 1 AS a",
  "SELECT 'a;b' AS s",
  "SELECT $$;$$ AS d",
  "SELECT $q$ ; DELETE FROM audit; $q$ AS d",
  "SELECT 1 /* ; DELETE FROM audit */ AS a",
  "VALUES (1), (2)",
  "TABLE orders",
  "WITH x AS (SELECT 1 AS a) SELECT * FROM x",
  "SELECT count(*) AS n FROM orders",
  "SELECT E'\\';' AS e",
];
const writes = [
  "INSERT INTO audit VALUES ('x')",
  "UPDATE orders SET amount = 0",
  "DELETE FROM orders",
  "CREATE TABLE planted (x int)",
  "CREATE TEMP TABLE orders (id int)",
  "DROP TABLE orders",
  "TRUNCATE audit",
  "SET work_mem = '1GB'",
  "SET DateStyle = 'SQL, DMY'",
  "SET application_name = 'planted'",
  "SET LOCAL statement_timeout = 0",
  "SET SESSION AUTHORIZATION DEFAULT",
  "RESET ALL",
  "COMMIT",
  "BEGIN READ WRITE",
  "ROLLBACK",
  "SELECT set_config('work_mem', '1GB', false)",
  "SELECT set_config('application_name', 'planted', false)",
  "ALTER ROLE analyst SET work_mem = '1GB'",
  "ALTER ROLE queryflow_warehouse_reader PASSWORD 'planted'",
  "DISCARD ALL",
  "PREPARE planted AS SELECT 1",
  "LISTEN planted",
  "SELECT pg_advisory_lock(42)",
  "DO $$ BEGIN INSERT INTO audit VALUES ('do'); END $$",
  "SELECT query_to_xml('select set_config(''work_mem'', ''1GB'', false)', true, false, '')",
  "SELECT ts_stat('select set_config(''application_name'', ''planted'', false)::tsvector')",
];
const glue = ["; ", ";\n", " -- ;\n; ", " /* ; */ ; ", ") AS r; ", "; SELECT * FROM (", ";;"];
const wrapped = (write: string) =>
  fc.constantFrom(
    write,
    `WITH w AS (${write} RETURNING *) SELECT * FROM w`,
    `EXPLAIN ANALYZE ${write}`,
    `SELECT 1 AS a) AS r; ${write}; SELECT * FROM (SELECT 1 AS a`,
    `SELECT 1 AS a) AS r; COMMIT; BEGIN READ WRITE; ${write}; COMMIT; SELECT * FROM (SELECT 1 AS a`,
  );
const piece = fc.oneof(fc.constantFrom(...reads), fc.constantFrom(...writes).chain(wrapped));
/** Comments before the statement, multi-byte ones among them: the parser counts bytes, JavaScript does not. */
const lead = fc.constantFrom("", "-- é\n", "/*éééééééé*/", "/* 日本語 */ ", "-- 💥💥\n/* ü */");
const statement = fc
  .tuple(lead, piece, fc.array(fc.tuple(fc.constantFrom(...glue), piece), { maxLength: 3 }))
  .map(([comment, first, rest]) => comment + first + rest.map(([joint, next]) => joint + next).join(""));

/** What a write or a setting change would leave behind, read as the shop's owner sees it. */
async function shopState() {
  const [row] = await setup.shop.sql<Record<string, string>>(`
    SELECT (SELECT count(*) FROM audit) AS audit, (SELECT sum(amount) FROM orders) AS orders,
      (SELECT count(*) FROM pg_class WHERE relname = 'planted') AS planted,
      (SELECT coalesce(array_to_string(setconfig, ','), '') FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole WHERE r.rolname = 'analyst') AS role_settings`);
  return row;
}

/** Settings as the next query on a pooled session of the source sees them. */
const SETTINGS =
  "SELECT current_setting('work_mem') AS work_mem, current_setting('DateStyle') AS date_style, current_setting('application_name') AS app";

describe("2,000 generated statements", () => {
  it("write nothing and change no setting, on a user's PostgreSQL and on the sample warehouse", async () => {
    const { database, alice, sourceId, deps } = setup;
    const before = await shopState();
    const settingsOf = async (id: string) =>
      (await queryDataSource(database.db, alice, id, { text: SETTINGS, values: [] }, limits, deps)).rows[0];
    const shopSettings = await settingsOf(sourceId);
    const warehouseSettings = await settingsOf(warehouseId);
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(statement, fc.boolean(), async (text, onWarehouse) => {
        const id = onWarehouse ? warehouseId : sourceId;
        const attempts = [
          queryDataSource(database.db, alice, id, { text, values: [] }, limits, deps),
          describeOnDataSource(database.db, alice, id, text, deps),
          queryForRun(database.db, id, { text, values: [] }, limits, deps),
        ];
        for (const outcome of await Promise.allSettled(attempts)) {
          if (outcome.status === "rejected") {
            refused += 1;
            // Refused as the user's mistake, never as a crash.
            expect(String(outcome.reason?.code ?? outcome.reason?.name), text).toMatch(
              /^(bad_request|unprocessable_entity|DataSourceError|StatementRefusedError)$/,
            );
          }
        }
        expect(await settingsOf(id), text).toEqual(onWarehouse ? warehouseSettings : shopSettings);
      }),
      { numRuns: 2_000 },
    );
    expect(await shopState()).toEqual(before);
    expect(refused).toBeGreaterThan(0);
    // The warehouse reader still logs in with QueryFlow's password.
    const fresh = await queryDataSource(
      database.db,
      alice,
      warehouseId,
      { text: "SELECT count(*) AS n FROM campaigns", values: [] },
      limits,
      deps,
    );
    expect(fresh.rows).toHaveLength(1);
  }, 600_000);
});
