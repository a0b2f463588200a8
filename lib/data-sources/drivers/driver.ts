import type { OutputField, ValueType } from "@/lib/value-types";

/** A PostgreSQL source as its driver sees it: where to connect, with the password opened. */
export interface PostgresTarget {
  kind: "postgres";
  /** Changes whenever the source's connection changes: pools are kept per key. */
  key: string;
  connection: {
    host: string;
    port: number;
    database: string;
    user: string;
    password: string | null;
    sslMode: "disable" | "require" | "verify-full";
  };
  /** The schemas queries resolve unqualified names in (the sample warehouse's `warehouse`). */
  searchPath?: string;
}

/** A DuckDB source: its database file, which uploads fill. */
export interface DuckDbTarget {
  kind: "duckdb";
  key: string;
  file: string;
}

export type Target = PostgresTarget | DuckDbTarget;

/** The target as the driver of `kind` needs it (a driver is only ever given its own kind's). */
export function targetOf<K extends Target["kind"]>(target: Target, kind: K): Extract<Target, { kind: K }> {
  if (target.kind !== kind) throw new Error(`A ${target.kind} data source was given to the ${kind} driver.`);
  return target as Extract<Target, { kind: K }>;
}

export interface TableResult {
  columns: OutputField[];
  rows: Record<string, unknown>[];
  /** More rows existed than `maxRows`. */
  truncated: boolean;
}

export interface QueryLimits {
  timeoutMs: number;
  maxRows: number;
  /** Aborting cancels the statement in the database. */
  signal?: AbortSignal;
}

export interface TableInfo {
  schema: string;
  name: string;
  columns: { name: string; type: string }[];
}

export interface Description {
  /** Per `$n`, in order. */
  parameterTypes: ValueType[];
  columns: OutputField[];
}

/** A failure whose message comes from the database or the network and is fit to show as is. */
export class DataSourceError extends Error {
  override name = "DataSourceError";
  constructor(
    message: string,
    /** The line of the statement the database pointed at, from 1. */
    readonly line?: number,
  ) {
    super(message);
  }
}

/**
 * What QueryFlow needs from a kind of database. Adding MySQL or ClickHouse is one file implementing
 * this, registered in ./index.ts.
 */
export interface Driver {
  /** Connects once: the server's version and how long the round trip took. */
  test(target: Target): Promise<{ serverVersion: string; latencyMs: number }>;
  /** Tables and views with their columns, as the connecting user may read them. */
  schema(target: Target): Promise<TableInfo[]>;
  /** One read-only statement, bound parameters, bounded in time and rows. */
  query(
    target: Target,
    query: { text: string; values: unknown[] },
    limits: QueryLimits,
  ): Promise<TableResult>;
  /**
   * The types of a statement's `$n` parameters and of its result columns, as the database infers
   * them, without running it. A statement the database refuses throws, naming the line.
   */
  describe(target: Target, text: string): Promise<Description>;
  /** Closes what the driver keeps open for this source (its pool). */
  release(targetKey: string): Promise<void>;
}
