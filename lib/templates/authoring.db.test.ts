import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withShopSource } from "@/lib/testing/data-source-deps";
import { describeSqlTemplate, previewSqlTemplate } from "./authoring";

let fixture: Awaited<ReturnType<typeof withShopSource>>;
const sql = (text: string) => ({
  kind: "sql" as const,
  dataSourceId: fixture.sourceId,
  definition: { sql: text },
});

beforeAll(async () => {
  fixture = await withShopSource();
}, 120_000);
afterAll(() => fixture.stop());

const ORDERS = "SELECT id, amount, placed FROM orders\nWHERE amount > :min AND placed >= :since\nORDER BY id";

describe("writing a SQL template over a data source", () => {
  it("finds the parameters in the text and the database's types for them and for every column", async () => {
    expect(await describeSqlTemplate(fixture.database.db, fixture.alice, sql(ORDERS), fixture.deps)).toEqual({
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
    expect(
      (await describeSqlTemplate(fixture.database.db, fixture.alice, boom, fixture.deps)).outputs,
    ).toEqual([{ name: "boom", type: "integer", description: "" }]);
    await expect(
      previewSqlTemplate(fixture.database.db, fixture.alice, { ...boom, values: {} }, fixture.deps),
    ).rejects.toMatchObject({
      code: "unprocessable_entity",
      message: expect.stringContaining("division by zero"),
    });
  });

  it("previews the first 100 rows with the values given, the same rows the fixture.database answers", async () => {
    const preview = await previewSqlTemplate(
      fixture.database.db,
      fixture.alice,
      { ...sql(ORDERS), values: { min: 400, since: "2025-01-10" } },
      fixture.deps,
    );
    const direct = await fixture.shop.sql<{ id: number }>(
      "SELECT id FROM orders WHERE amount > 400 AND placed >= '2025-01-10' ORDER BY id",
    );
    expect(preview.rows.map((row) => row.id)).toEqual(direct.map((row) => row.id));
    expect(preview).toMatchObject({ rowCount: direct.length, truncated: false });
    expect(preview.durationMs).toBeGreaterThanOrEqual(0);
    const many = await previewSqlTemplate(
      fixture.database.db,
      fixture.alice,
      { ...sql("SELECT g FROM generate_series(1, 500) g"), values: {} },
      fixture.deps,
    );
    expect(many).toMatchObject({ rowCount: 100, truncated: true });
  });

  it("points at the line the fixture.database found wrong; a parameter with no type to infer is text", async () => {
    const wrong = sql("SELECT id,\n  amount\nFROM orderz");
    await expect(
      describeSqlTemplate(fixture.database.db, fixture.alice, wrong, fixture.deps),
    ).rejects.toMatchObject({
      code: "unprocessable_entity",
      message: expect.stringMatching(/relation "orderz" does not exist \(line 3\)/),
      details: { line: 3 },
    });
    // A parameter nothing gives a type to is text, as PostgreSQL takes it; the user may change it.
    expect(
      (await describeSqlTemplate(fixture.database.db, fixture.alice, sql("SELECT :x AS x"), fixture.deps))
        .parameters,
    ).toEqual([{ name: "x", type: "string", required: true, description: "" }]);
  });

  it("is not possible on another user's private source", async () => {
    await expect(
      describeSqlTemplate(fixture.database.db, fixture.bob, sql(ORDERS), fixture.deps),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      previewSqlTemplate(fixture.database.db, fixture.bob, { ...sql(ORDERS), values: {} }, fixture.deps),
    ).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
