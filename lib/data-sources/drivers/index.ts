import type { Driver } from "./driver";
import { duckDbDriver } from "./duckdb";
import { postgresDriver } from "./postgres";

/** The driver of each kind of data source; a new kind is one more entry. */
const drivers: Record<string, Driver> = { postgres: postgresDriver, duckdb: duckDbDriver };

export function driverFor(kind: string): Driver {
  const driver = drivers[kind];
  if (!driver) throw new Error(`No driver for data sources of kind "${kind}".`);
  return driver;
}
