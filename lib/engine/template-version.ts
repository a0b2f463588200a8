import type pg from "pg";
import type { QueryLimits, TableResult } from "@/lib/data-sources/drivers/driver";
import { readOnlyQuery } from "@/lib/data-sources/drivers/postgres";
import { type DataSourceDeps, queryForRun, sampleWarehouseId } from "@/lib/data-sources/service";
import { withWarehouseLogin } from "@/lib/data-sources/warehouse-login";
import type { Db } from "@/lib/db/client";
import { type ParameterSpec, templateSpecsOf } from "@/lib/templates/types";
import type { OutputField } from "@/lib/value-types";

/** What a node executes: one version of its template. */
export interface TemplateVersionToRun {
  kind: string;
  definition: Record<string, unknown>;
  parameters: ParameterSpec[];
  outputs: OutputField[];
  dataSourceId: string | null;
}

const versions = new Map<string, { at: number; version: Promise<TemplateVersionToRun> }>();
const CACHE_MS = 30_000;

async function readVersion(
  db: Db,
  templateId: string,
  version: number | null,
): Promise<TemplateVersionToRun> {
  const row =
    (version !== null &&
      (await db.templateVersion.findUnique({ where: { templateId_version: { templateId, version } } }))) ||
    // A standalone workflow runs the current version; so does a snapshot from before versions were kept.
    (await db.template.findUniqueOrThrow({ where: { templateId } }));
  return {
    kind: row.kind,
    definition: row.definition as Record<string, unknown>,
    ...templateSpecsOf(row),
    dataSourceId: row.dataSourceId,
  };
}

/**
 * The version a snapshot recorded (`version`), or the current one when none is given. Kept per
 * process for a short while: a version never changes, and the current one only on a save.
 */
export function loadTemplateVersion(db: Db, templateId: string, version: number | null) {
  const key = `${templateId}@${version ?? "current"}`;
  const cached = versions.get(key);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.version;
  const loaded = readVersion(db, templateId, version);
  versions.set(key, { at: Date.now(), version: loaded });
  loaded.catch(() => versions.delete(key));
  return loaded;
}

let sampleWarehouse: Promise<string | null> | undefined;

/**
 * Where a SQL template's statement runs: the sample warehouse through the worker's own pool (sized
 * for its concurrency), any other source through the data source's driver.
 */
export function sqlRunner(
  deps: { db: Db; warehouse: pg.Pool; dataSources: DataSourceDeps },
  dataSourceId: string | null,
) {
  return async (query: { text: string; values: unknown[] }, limits: QueryLimits): Promise<TableResult> => {
    if (!sampleWarehouse) {
      sampleWarehouse = sampleWarehouseId(deps.db);
      // A lookup lost to a database outage is asked again next time, not remembered.
      sampleWarehouse.catch(() => {
        sampleWarehouse = undefined;
      });
    }
    if (dataSourceId === null || dataSourceId === (await sampleWarehouse))
      return withWarehouseLogin(deps.dataSources.repairWarehouseReader, () =>
        readOnlyQuery(deps.warehouse, query, { ...limits, searchPath: "warehouse" }),
      );
    return queryForRun(deps.db, dataSourceId, query, limits, deps.dataSources);
  };
}
