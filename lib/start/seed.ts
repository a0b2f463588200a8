import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { ensureDemoComposition } from "@/lib/compositions/demo";
import type { Db } from "@/lib/db/client";
import { ensureWarehouseReaderLogin } from "@/lib/db/warehouse-reader";
import type { Env } from "@/lib/env";
import { sealStoredHeaders } from "@/lib/templates/header-secrets";
import { syncTemplateCatalog } from "@/lib/templates/sync";

const warehouseSeedFile = path.resolve(process.cwd(), "prisma/warehouse/seed.sql");

/**
 * Loads the sample warehouse once: in one transaction, under a lock so two starting processes
 * cannot both load it, and only when it is empty. Returns whether it loaded anything.
 */
export async function seedWarehouse(connectionString: string): Promise<boolean> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext('queryflow.seed.warehouse'))");
    const { rowCount } = await client.query("SELECT 1 FROM warehouse.campaigns LIMIT 1");
    if (rowCount) {
      await client.query("ROLLBACK");
      return false;
    }
    await client.query(readFileSync(warehouseSeedFile, "utf8"));
    await client.query("COMMIT");
    return true;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/** Sample warehouse, template catalog and demo composition; safe to run at every start. */
export async function seed(
  db: Db,
  connectionString: string,
  log: (line: string) => void = () => {},
  /** With the secret key: header values of HTTP templates saved before sealing began are sealed. */
  options: { env?: Env } = {},
) {
  if (await seedWarehouse(connectionString)) log("loaded the sample warehouse");
  await ensureWarehouseReaderLogin(connectionString);
  if (options.env?.QUERYFLOW_SECRET_KEY) {
    const sealed = await sealStoredHeaders(db, options.env);
    if (sealed) log(`sealed the header values of ${sealed} HTTP templates and versions`);
  }
  const templates = await syncTemplateCatalog(db);
  if (templates.created || templates.updated || templates.deactivated) {
    log(
      `templates: ${templates.created} created, ${templates.updated} updated, ${templates.deactivated} deactivated`,
    );
  }
  if (await ensureDemoComposition(db)) log("created the demo composition comp_campaign_analysis_v1");
}
