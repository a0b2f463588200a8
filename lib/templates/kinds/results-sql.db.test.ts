import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect } from "vitest";
import type { AppError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/user";
import { type CompositionDocumentInput, compositionDocumentSchema } from "@/lib/compositions/schema";
import { createComposition, getComposition } from "@/lib/compositions/service";
import { createDataSource } from "@/lib/data-sources/service";
import { uploadFile } from "@/lib/data-sources/upload";
import { getResultPage } from "@/lib/engine/read";
import { startRun } from "@/lib/engine/start-run";
import { createTemplate } from "@/lib/templates/authored";
import { testDataSourceDeps } from "@/lib/testing/data-source-deps";
import type { TestDatabase } from "@/lib/testing/database";
import { addTemplate, makeUser, waitForRun } from "@/lib/testing/engine";
import { dbTest } from "@/lib/testing/fixture";

// "Query results" nodes on the real worker: SQL over upstream tables from three kinds of source,
// and the hostile SQL a user might write into one.

const dir = mkdtempSync(path.join(tmpdir(), "queryflow-results-sql-"));
const DUCKDB_DIR = path.join(dir, "sources");

/** What the HTTP node's server answers: a region per campaign (two of the first five have one). */
const regions = [
  { campaign_id: "CMP-002", region: "north" },
  { campaign_id: "CMP-004", region: "south" },
  { campaign_id: "CMP-999", region: "nowhere" },
];
/** The uploaded CSV: a note per campaign (three of the first five). */
const NOTES_CSV = "campaign_id,note\nCMP-001,renew\nCMP-002,pause\nCMP-004,grow\n";

const it = dbTest
  .extend(
    "workerEnv",
    { scope: "file" },
    {
      DUCKDB_DIR,
      HTTP_ALLOWLIST: "127.0.0.1",
      SQL_STATEMENT_TIMEOUT_MS: "3000",
    },
  )
  .extend("alice", { scope: "file" }, ({ database }) => makeUser(database, "alice"))
  /** The three sources' templates: `campaigns` (the warehouse), `notes` (a CSV), `regions` (HTTP). */
  .extend("sources", { scope: "file" }, async ({ database, alice }, { onCleanup }) => {
    const server = createServer((_, response) =>
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ items: regions })),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    onCleanup(() => {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    });
    await addTemplate(database, {
      templateId: "campaigns",
      kind: "sql",
      definition: {
        sql: "SELECT campaign_id, campaign_name, daily_budget FROM warehouse.campaigns ORDER BY campaign_id LIMIT 5",
      },
      outputs: [
        { name: "campaign_id", type: "string" },
        { name: "campaign_name", type: "string" },
        { name: "daily_budget", type: "number" },
      ],
    });
    await addTemplate(database, {
      templateId: "regions",
      kind: "http",
      definition: {
        method: "GET",
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/regions`,
        headers: {},
        rows: "body.items",
      },
      outputs: [
        { name: "campaign_id", type: "string" },
        { name: "region", type: "string" },
      ],
    });
    const base = testDataSourceDeps(database);
    const deps = { ...base, env: { ...base.env, DUCKDB_DIR } };
    const source = await createDataSource(
      database.db,
      alice,
      { name: "Uploads", kind: "duckdb", connection: {}, shared: false },
      deps,
    );
    await uploadFile(
      database.db,
      alice,
      source.id,
      { fileName: "notes.csv", bytes: new TextEncoder().encode(NOTES_CSV) },
      deps,
    );
    const notes = await createTemplate(
      database.db,
      alice,
      {
        name: "Campaign notes",
        description: "",
        category: "Uploads",
        kind: "sql",
        dataSourceId: source.id,
        definition: { sql: "SELECT campaign_id, note FROM notes" },
        chartConfig: null,
        isPublic: false,
      },
      deps,
    );
    return { notes: notes.templateId };
  });

/** A composition of the three sources and a Query results node `joined` with this SQL. */
function threeSources(notes: string, query: string): CompositionDocumentInput {
  const table = (source: string, alias: string) => ({
    connectionId: `${source}_to_joined`,
    sourceNodeId: source,
    targetNodeId: "joined",
    kind: "table" as const,
    alias,
  });
  return {
    name: `Joined ${Math.random().toString(36).slice(2)}`,
    nodes: [
      { nodeId: "campaigns", templateId: "campaigns" },
      { nodeId: "notes", templateId: notes },
      { nodeId: "regions", templateId: "regions" },
      { nodeId: "joined", templateId: "query_results", parameterOverrides: { query } },
    ],
    connections: [table("campaigns", "c"), table("notes", "n"), table("regions", "r")],
  };
}

async function run(database: TestDatabase, user: SessionUser, document: CompositionDocumentInput) {
  const composition = await createComposition(database.db, user, compositionDocumentSchema.parse(document));
  const started = await startRun(database.db, user, composition.id, { parameters: {}, trigger: "manual" });
  return { composition, ...(await waitForRun(database, started.id, 60_000)), executionId: started.id };
}

const JOIN = `SELECT c.campaign_id, c.campaign_name, c.daily_budget * 2 AS doubled, n.note, r.region
FROM c LEFT JOIN n USING (campaign_id) LEFT JOIN r USING (campaign_id)
ORDER BY c.campaign_id`;

describe("a Query results node", () => {
  it("joins a PostgreSQL source's rows, an uploaded CSV's and an HTTP node's, and types what it gives", async ({
    database,
    alice,
    sources,
    worker: _running,
  }) => {
    const { composition, execution, nodes, executionId } = await run(
      database,
      alice,
      threeSources(sources.notes, JOIN),
    );
    expect(execution.status, String(nodes.joined?.error)).toBe("completed");

    // The same join, computed here from the warehouse's table and the rows this test served.
    const campaigns = await database.sql<{
      campaign_id: string;
      campaign_name: string;
      daily_budget: string;
    }>(
      "SELECT campaign_id, campaign_name, daily_budget::text FROM warehouse.campaigns ORDER BY campaign_id LIMIT 5",
    );
    const noteOf = new Map(
      NOTES_CSV.trim()
        .split("\n")
        .slice(1)
        .map((line) => line.split(",") as [string, string]),
    );
    const regionOf = new Map(regions.map((row) => [row.campaign_id, row.region]));
    const expected = campaigns.map((row) => ({
      campaign_id: row.campaign_id,
      campaign_name: row.campaign_name,
      doubled: Number(row.daily_budget) * 2,
      note: noteOf.get(row.campaign_id) ?? null,
      region: regionOf.get(row.campaign_id) ?? null,
    }));
    const page = await getResultPage(database.db, alice, executionId, "joined", {
      offset: 0,
      limit: 100,
      order: "asc",
    });
    expect(page.type === "table" && page.rows).toEqual(expected);
    expect(page.type === "table" && page.rowCount).toBe(5);

    // Validation described the SQL before the run: the node's columns, typed, for what maps from it.
    const saved = await getComposition(database.db, alice, composition.id);
    expect(saved.nodeOutputs.joined?.map((column) => `${column.name}:${column.type}`)).toEqual([
      "campaign_id:string",
      "campaign_name:string",
      "doubled:number",
      "note:string",
      "region:string",
    ]);
    expect(saved.issues).toEqual([]);
  });

  it("is refused before it runs when its SQL names a table or column it does not have, on the node", async ({
    database,
    alice,
    sources,
  }) => {
    for (const [query, words] of [
      ["SELECT * FROM c JOIN weather USING (campaign_id)", "weather"],
      ["SELECT c.budget FROM c", "budget"],
    ]) {
      const composition = await createComposition(
        database.db,
        alice,
        compositionDocumentSchema.parse(threeSources(sources.notes, query!)),
      );
      expect(composition.issues).toEqual([
        expect.objectContaining({
          code: "invalid_query",
          nodeId: "joined",
          param: "query",
          message: expect.stringContaining(words!),
        }),
      ]);
      await expect(
        startRun(database.db, alice, composition.id, { parameters: {}, trigger: "manual" }),
      ).rejects.toMatchObject({ status: 422 } satisfies Partial<AppError>);
    }
  });

  it("refuses files, extensions, writes and stacked statements before anything runs", async ({
    database,
    alice,
    sources,
  }) => {
    const hostile = [
      "SELECT * FROM read_csv('/etc/passwd')",
      "SELECT * FROM c, read_text('/etc/hostname')",
      // Other results' files, where this machine keeps them.
      `SELECT * FROM read_parquet('${path.resolve(".data/result-cache")}/*.parquet')`,
      "ATTACH '/tmp/queryflow-stolen.duckdb' AS stolen",
      "INSTALL httpfs",
      "COPY (SELECT * FROM c) TO '/tmp/queryflow-copied.csv'",
      "SET enable_external_access = true",
      "SELECT 1; SELECT * FROM c",
      "CREATE TABLE kept AS SELECT * FROM c",
    ];
    for (const query of hostile) {
      const composition = await createComposition(
        database.db,
        alice,
        compositionDocumentSchema.parse(threeSources(sources.notes, query)),
      );
      expect(
        composition.issues.map((issue) => issue.code),
        query,
      ).toEqual(["invalid_query"]);
    }
  });

  it("stops a query that never ends and one past its memory, and the worker goes on with the next run", async ({
    database,
    alice,
    sources,
    worker: _running,
  }) => {
    const endless = await run(
      database,
      alice,
      threeSources(sources.notes, "SELECT count(*) AS n FROM c, range(1000000000000) AS t"),
    );
    expect(endless.nodes.joined?.status).toBe("failed");
    expect(endless.nodes.joined?.error).toContain("time limit");

    const greedy = await run(
      database,
      alice,
      threeSources(
        sources.notes,
        "SELECT string_agg(repeat('x', 1000), '') AS s FROM c, range(1000000) AS t",
      ),
    );
    expect(greedy.nodes.joined?.status).toBe("failed");
    expect(greedy.nodes.joined?.error).toMatch(/memory/i);

    const after = await run(database, alice, threeSources(sources.notes, "SELECT count(*) AS n FROM c"));
    expect(after.execution.status, String(after.nodes.joined?.error)).toBe("completed");
  });
});
