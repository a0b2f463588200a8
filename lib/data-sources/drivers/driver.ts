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
    /** The name TLS checks the certificate against, when `host` is the address it was resolved to. */
    serverName?: string;
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
  /** More rows existed than `maxRows` allows, or than fit in `maxBytes`. */
  truncated: boolean;
}

export interface QueryLimits {
  timeoutMs: number;
  maxRows: number;
  /** Bytes of rows read at most (as the database sends them); past it the result is cut off. */
  maxBytes: number;
  /** Aborting cancels the statement in the database. */
  signal?: AbortSignal;
}

export interface TableInfo {
  schema: string;
  name: string;
  columns: { name: string; type: string }[];
}

export interface Description {
  /** Per `$n`, in order; null where the database cannot tell before a value is bound. */
  parameterTypes: (ValueType | null)[];
  columns: OutputField[];
}

/** A failure whose message comes from the database or the network and is fit to show as is. */
export class DataSourceError extends Error {
  override name = "DataSourceError";
  /** The line of the statement the database pointed at, from 1. */
  readonly line?: number;
  /** The server refused the login (wrong password, or the role may not log in). */
  readonly loginRefused: boolean;
  /**
   * Trying again may succeed (a lost connection, a timeout, a deadlock); false for what the same
   * statement would meet again (a syntax error, an unknown column, a permission, a division by zero).
   */
  readonly transient: boolean;
  constructor(message: string, details: { line?: number; loginRefused?: boolean; transient?: boolean } = {}) {
    super(message);
    this.line = details.line;
    this.loginRefused = details.loginRefused ?? false;
    this.transient = details.transient ?? false;
  }
}

const sqlState = (error: unknown) => (error as { code?: unknown } | null)?.code;

/**
 * SQLSTATE classes that may pass on their own: connection exceptions (08), transaction rollbacks
 * (40: serialization failures, deadlocks), insufficient resources (53), operator intervention (57:
 * a cancelled statement, a server shutting down) and system errors (58).
 */
const TRANSIENT_CLASSES = new Set(["08", "40", "53", "57", "58"]);

/**
 * Whether a database driver's error may pass on its own: by its SQLSTATE class, and true for an
 * error with none (the network's: a reset or refused connection, a timeout).
 */
export function transientFailure(error: unknown): boolean {
  const code = sqlState(error);
  if (typeof code !== "string" || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return TRANSIENT_CLASSES.has(code.slice(0, 2));
}

/** PostgreSQL's "password authentication failed" (28P01) and "role cannot log in" (28000). */
const loginRefused = (error: unknown) => ["28P01", "28000"].includes(String(sqlState(error)));

/** What to change when the server and the SSL mode disagree, after the driver's own words. */
function sslHint(message: string): string {
  if (/does not support SSL/i.test(message))
    return `${message}: choose SSL mode "disable" for this source (only on a network you trust).`;
  if (/no pg_hba\.conf entry .* no encryption/i.test(message))
    return `${message}: the server wants encryption; choose SSL mode "require".`;
  if (/self[- ]signed|unable to verify|certificate/i.test(message))
    return `${message}: with SSL mode "verify-full" the server's certificate must be trusted here; "require" encrypts without checking it.`;
  return message;
}

/** A connection failure as a DataSourceError, saying whether the login was refused. */
export const connectionFailed = (error: unknown) =>
  new DataSourceError(sslHint((error as Error).message), {
    loginRefused: loginRefused(error),
    transient: !loginRefused(error) && transientFailure(error),
  });

/**
 * Rows read so far against a query's row and byte limits: readers stop asking the database for more
 * once `add` says so; neither limit is passed by more than the last batch read.
 */
export class RowBudget {
  readonly rows: Record<string, unknown>[] = [];
  bytes = 0;
  truncated = false;
  constructor(private readonly limits: Pick<QueryLimits, "maxRows" | "maxBytes">) {}

  /** Takes rows read (and their size in bytes) and says whether to read on. */
  add(rows: Record<string, unknown>[], bytes: number): boolean {
    const room = this.limits.maxRows - this.rows.length;
    if (rows.length > room) this.truncated = true;
    this.rows.push(...rows.slice(0, room));
    this.bytes += bytes;
    if (this.bytes > this.limits.maxBytes) this.truncated = true;
    return !this.truncated;
  }

  /** How many rows to ask for next: as many as the bytes left hold at the size rows had so far. */
  nextBatch(max: number): number {
    if (!this.rows.length) return 1;
    const perRow = this.bytes / this.rows.length;
    const fit = Math.floor((this.limits.maxBytes - this.bytes) / Math.max(1, perRow));
    return Math.max(1, Math.min(max, fit, this.limits.maxRows - this.rows.length + 1));
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
  /** Closes what the driver keeps open for this source (its pools: target keys begin `<source id>:`). */
  release(sourceId: string): Promise<void>;
}
