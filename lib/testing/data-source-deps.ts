import type { SessionUser } from "@/lib/auth/user";
import { dataSourceDeps } from "@/lib/data-sources/deps";
import { createDataSource, type DataSourceDeps, sampleWarehouseId } from "@/lib/data-sources/service";
import { ensureWarehouseReaderLogin } from "@/lib/db/warehouse-reader";
import { parseEnv } from "@/lib/env";
import { createTestDatabase, type TestDatabase } from "./database";
import { makeUser } from "./engine";
import { startShopDatabase } from "./shop-database";

/** The data-source service's dependencies for a test database (its settings name it as QueryFlow's own). */
export function testDataSourceDeps(database: TestDatabase): DataSourceDeps {
  return {
    ...dataSourceDeps(database.db, database.url),
    env: parseEnv({ ...process.env, DATABASE_URL: database.url }),
  };
}

/**
 * A test database with two users, alice and bob, and alice's private data source "Shop" on a second
 * PostgreSQL (`startShopDatabase`). `stop()` drops and stops both.
 */
export async function withShopSource() {
  const shop = await startShopDatabase();
  const database = await createTestDatabase();
  const deps = testDataSourceDeps(database);
  const alice: SessionUser = await makeUser(database, "alice");
  const bob: SessionUser = await makeUser(database, "bob");
  const source = await createDataSource(
    database.db,
    alice,
    { name: "Shop", kind: "postgres", connection: shop.connection, shared: false },
    deps,
  );
  return {
    shop,
    database,
    deps,
    alice,
    bob,
    sourceId: source.id,
    async stop() {
      await database.drop();
      await shop.stop();
    },
  };
}

/**
 * `withShopSource`, with the sample warehouse's reader set up as `npm start` sets it (its login, and
 * what it may not do on QueryFlow's database) and the warehouse's source id.
 */
export async function withShopAndWarehouse() {
  const setup = await withShopSource();
  await ensureWarehouseReaderLogin(setup.database.url);
  return { ...setup, warehouseId: (await sampleWarehouseId(setup.database.db))! };
}
