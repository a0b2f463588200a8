// npm run bench:templates — describing and previewing a SQL template on a second PostgreSQL (standing
// for a customer's database) through the API, beside the same query on a raw pg connection in the
// same run: what the API adds (HTTP, session, access checks, the read-only transaction, the row cap).
import path from "node:path";
import pg from "pg";
import type { z } from "zod";
import { startAppForBench } from "@/lib/bench/app";
import { percentile } from "@/lib/bench/browser";
import { median, progress, report, round, timeRuns } from "@/lib/bench/report";
import { dataSourceDeps } from "@/lib/data-sources/deps";
import { toPositional } from "@/lib/data-sources/sql-parameters";
import { createDb } from "@/lib/db/client";
import { embeddedUrl } from "@/lib/db/embedded";
import { parseEnv } from "@/lib/env";
import { readSecret, SECRET_KEY_FILE, secretsDir } from "@/lib/start/secret";
import { previewTemplate } from "@/lib/templates/authoring";
import { previewTemplateBodySchema } from "@/lib/templates/schema";
import { startShopDatabase } from "@/lib/testing/shop-database";
import { exitWithError } from "../cli";

const RUNS = 100;
const POSTGRES_PORT = 5580;
const ROWS = 200_000;
const SQL = `SELECT placed, count(*) AS orders, sum(amount) AS amount
FROM sales WHERE amount > :min
GROUP BY placed ORDER BY placed`;

/** The preview as the route computes it, timed in this process against the app's own database. */
async function previewInProcess(
  app: Awaited<ReturnType<typeof startAppForBench>>,
  body: z.input<typeof previewTemplateBodySchema>,
) {
  const dir = path.join(app.dataDir, "postgres");
  const url = embeddedUrl(dir, POSTGRES_PORT);
  const db = createDb(url, { max: 2 });
  try {
    const row = await db.user.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    const user = { id: row.id, name: row.name, email: row.email, role: row.role as "user" | "admin" };
    const env = parseEnv({
      ...process.env,
      DATABASE_URL: url,
      QUERYFLOW_SECRET_KEY: readSecret(SECRET_KEY_FILE, secretsDir(dir)),
    });
    const deps = { ...dataSourceDeps(db, url), env };
    const parsed = previewTemplateBodySchema.parse(body);
    return await timeRuns(RUNS, () => previewTemplate(db, user, parsed, deps));
  } finally {
    await db.$disconnect();
  }
}

async function main() {
  const shop = await startShopDatabase();
  progress(
    `filling sales with ${ROWS.toLocaleString("en")} rows on the second PostgreSQL (port ${shop.port})`,
  );
  await shop.sql(`
    CREATE TABLE sales AS
      SELECT g AS id, (g * 7 % 1000)::numeric AS amount, date '2025-01-01' + g % 365 AS placed
      FROM generate_series(1, ${ROWS}) g;
    GRANT SELECT ON sales TO analyst;
    ANALYZE sales;`);
  const app = await startAppForBench({ port: 3170, postgresPort: POSTGRES_PORT });
  const { sslMode: _, ...analyst } = shop.connection;
  const raw = new pg.Client(analyst);
  try {
    const api = await app.signUp();
    const { dataSource } = await api("POST", "/api/data-sources", {
      name: "Shop",
      kind: "postgres",
      connection: shop.connection,
    });
    const body = { kind: "sql", dataSourceId: dataSource.id, definition: { sql: SQL } };

    progress(`describing ${RUNS} times`);
    const describe = await timeRuns(RUNS, async () => {
      const described = await api("POST", "/api/templates/describe", body);
      if (described.parameters[0]?.type !== "number") throw new Error(JSON.stringify(described));
    });
    progress(`previewing ${RUNS} times`);
    const preview = await timeRuns(RUNS, async () => {
      const page = await api("POST", "/api/templates/preview", { ...body, values: { min: 500 } });
      if (page.rowCount !== 100) throw new Error(JSON.stringify(page).slice(0, 300));
    });
    progress(`previewing ${RUNS} times in-process (the service the route calls, without HTTP)`);
    const inProcess = await previewInProcess(app, { ...body, kind: "sql" as const, values: { min: 500 } });
    progress(`reading the source through the API ${RUNS} times (the cost of any authenticated request)`);
    const roundTrip = await timeRuns(RUNS, () => api("GET", `/api/data-sources/${dataSource.id}`));
    progress(`the same query on a raw pg connection ${RUNS} times`);
    await raw.connect();
    const { text, values } = toPositional(SQL, { min: 500 });
    const direct = await timeRuns(RUNS, async () => {
      const { rows } = await raw.query(text, values);
      if (rows.length !== 365) throw new Error(`raw query answered ${rows.length} rows`);
    });

    const rawMedian = median(direct);
    report({
      bench: "templates",
      figure: "describe_median",
      value: round(median(describe)),
      unit: "ms",
      target: 50,
      better: "lower",
      runs: RUNS,
    });
    report({
      bench: "templates",
      figure: "describe_p95",
      value: round(percentile(describe, 0.95)),
      unit: "ms",
      better: "lower",
      runs: RUNS,
    });
    report({
      bench: "templates",
      figure: "preview_median",
      value: round(median(preview)),
      unit: "ms",
      better: "lower",
      baseline: { name: "raw pg, same query", value: round(rawMedian) },
      runs: RUNS,
    });
    report({
      bench: "templates",
      figure: "preview_p95",
      value: round(percentile(preview, 0.95)),
      unit: "ms",
      better: "lower",
      runs: RUNS,
    });
    report({
      bench: "templates",
      figure: "preview_in_process_over_raw",
      value: round(median(inProcess) / rawMedian),
      unit: "x",
      target: 1.5,
      better: "lower",
      baseline: { name: "raw pg, same query", value: round(rawMedian) },
      runs: RUNS,
    });
    report({
      bench: "templates",
      figure: "api_round_trip_median",
      value: round(median(roundTrip)),
      unit: "ms",
      better: "lower",
      runs: RUNS,
    });
    report({
      bench: "templates",
      figure: "preview_added_to_raw_median",
      value: round(median(preview) - rawMedian),
      unit: "ms",
      better: "lower",
      runs: RUNS,
    });
    report({
      bench: "templates",
      figure: "preview_over_raw",
      value: round(median(preview) / rawMedian),
      unit: "x",
      target: 1.5,
      better: "lower",
      runs: RUNS,
    });
  } finally {
    await raw.end().catch(() => {});
    await app.stop();
    await shop.stop();
  }
}

main().catch(exitWithError);
