import type { Db } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import { ensureWarehouseReaderLogin, warehouseReaderUrl } from "@/lib/db/warehouse-reader";
import { env } from "@/lib/env";
import type { DataSourceDeps } from "./service";

/** The service's dependencies in the web process: its settings, and its own database's URL. */
export function dataSourceDeps(db: Db, databaseUrl = env().DATABASE_URL): DataSourceDeps {
  const url = () => {
    if (!databaseUrl) throw new Error("DATABASE_URL is not set: start QueryFlow with `npm start`.");
    return databaseUrl;
  };
  return {
    env: env(),
    warehouseReaderUrl: () => warehouseReaderUrl(url(), prismaSql(db)),
    repairWarehouseReader: () => ensureWarehouseReaderLogin(url()),
  };
}
