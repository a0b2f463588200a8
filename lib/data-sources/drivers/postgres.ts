import pg from "pg";
import Cursor from "pg-cursor";
import { env } from "@/lib/env";
import type { OutputField, ValueType } from "@/lib/value-types";
import {
  connectionFailed,
  DataSourceError,
  type Description,
  type Driver,
  type PostgresTarget,
  type QueryLimits,
  RowBudget,
  type TableResult,
  type Target,
  targetOf,
  transientFailure,
} from "./driver";
import { pgReadStatement, StatementRefusedError, WRAP_PREFIX, wrappedRead } from "./read-statement";

const columnTypes: Record<number, ValueType> = {
  16: "boolean",
  20: "integer",
  21: "integer",
  23: "integer",
  700: "number",
  701: "number",
  1700: "number",
  1082: "date",
  1114: "datetime",
  1184: "datetime",
  114: "json",
  3802: "json",
  1009: "string[]",
  1015: "string[]",
  1005: "integer[]",
  1007: "integer[]",
  1016: "integer[]",
  1021: "number[]",
  1022: "number[]",
  1231: "number[]",
};

/** Values as JSON-friendly JavaScript: numbers for numeric and bigint, ISO strings for dates. */
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    switch (oid) {
      case 20:
      case 1700:
      case 700:
      case 701:
        return (value: string) => Number(value);
      case 1082:
        return (value: string) => value;
      case 1114:
        return (value: string) => new Date(`${value.replace(" ", "T")}Z`).toISOString();
      case 1184:
        return (value: string) => new Date(value).toISOString();
      default:
        return pg.types.getTypeParser(oid, format);
    }
  },
};

/** Rows asked for at once at most; fewer when rows are large (see `RowBudget.nextBatch`). */
const BATCH_ROWS = 1000;
/** Past the deadline the query is cancelled and its connection dropped, whatever the database says. */
const DEADLINE_GRACE_MS = 2000;

/** Stops a backend's statement from outside, on a connection of its own (the pool may be full). */
function cancelBackend(options: pg.ClientConfig, processId: number): void {
  // The pool keeps its password out of enumeration (so out of logs): it is named here.
  const client = new pg.Client({ ...options, password: options.password, connectionTimeoutMillis: 5000 });
  client.on("error", () => {});
  void client
    .connect()
    .then(() => client.query("SELECT pg_cancel_backend($1)", [processId]))
    .catch(() => {})
    .finally(() => client.end().catch(() => {}));
}

/** Waits for `work`, or fails as soon as the connection it runs on is stopped or lost. */
type Step = <T>(work: Promise<T>) => Promise<T>;

/**
 * Reads a cursor over `text` into `budget`, asking for rows in batches sized to the bytes left.
 * Bytes are counted on the socket as they arrive: past twice the budget (a row larger than it) the
 * connection is dropped before the rest is in memory.
 */
async function readCursor(
  client: pg.PoolClient,
  query: { text: string; values: unknown[] },
  budget: RowBudget,
  maxBytes: number,
  step: Step,
): Promise<pg.FieldDef[]> {
  const socket = client.connection.stream;
  let received = 0;
  let tooLarge = false;
  const count = (chunk: Buffer) => {
    received += chunk.length;
    if (received > 2 * maxBytes + 1024 * 1024 && !tooLarge) {
      tooLarge = true;
      socket.destroy();
    }
  };
  socket.on("data", count);
  const cursor = client.query(new Cursor(query.text, query.values, { types }));
  try {
    let fields: pg.FieldDef[] = [];
    for (;;) {
      const before = received;
      const rows = await step(
        new Promise<Record<string, unknown>[]>((resolve, reject) =>
          cursor.read(budget.nextBatch(BATCH_ROWS), (error, rows, result) => {
            if (error) return reject(error);
            // A read after the last row has no result: the fields came with an earlier one.
            if (result) fields = result.fields;
            resolve(rows);
          }),
        ),
      );
      if (!rows.length || !budget.add(rows, received - before)) break;
    }
    // A server that never confirms the close would hold this forever: `step` ends the wait.
    await step(cursor.close());
    return fields;
  } catch (error) {
    if (tooLarge)
      throw new DataSourceError(
        `A row of the result is larger than ${maxBytes} bytes, the most a result may hold (RESULT_MAX_BYTES): select fewer or smaller columns.`,
      );
    throw error;
  } finally {
    socket.off("data", count);
  }
}

/**
 * Runs one statement read-only and bounded, whatever its text says. PostgreSQL's parser proves it is
 * one read (`pgReadStatement`); it goes on the extended protocol (a prepared statement cannot hold
 * two) in a READ ONLY transaction with `statement_timeout` and `idle_in_transaction_session_timeout`,
 * through a cursor that stops at `maxRows` rows or `maxBytes` bytes (`truncated` says when more
 * existed). Aborting, or the deadline passing even if the statement lifted its own timeout, cancels
 * it in PostgreSQL and drops the connection. A connection goes back to the pool only after
 * `DISCARD ALL`, so nothing one query leaves on a session reaches the next.
 */
export async function readOnlyQuery(
  pool: pg.Pool,
  query: { text: string; values: unknown[] },
  limits: QueryLimits & { searchPath?: string },
): Promise<TableResult> {
  const statement = await pgReadStatement(query.text);
  limits.signal?.throwIfAborted();
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw connectionFailed(error);
  }
  // Every wait below ends when the connection is stopped (deadline, abort) or lost, whatever the
  // server does or does not answer.
  let broke: (error: Error) => void = () => {};
  const broken = new Promise<never>((_, reject) => {
    broke = reject;
  });
  broken.catch(() => {});
  const step: Step = (work) => Promise.race([work, broken]);
  const dropped = (error?: Error) => broke(error ?? new Error("The connection to the database closed."));
  client.on("error", dropped);
  client.on("end", dropped);
  const processId = (client as pg.PoolClient & { processID: number }).processID;
  const timeoutMs = Math.max(1, Math.floor(limits.timeoutMs));
  let stopped = false;
  const stop = () => {
    stopped = true;
    cancelBackend(pool.options, processId);
    client.connection.stream.destroy();
    broke(new Error("The query was stopped."));
  };
  const deadline = setTimeout(stop, timeoutMs + DEADLINE_GRACE_MS);
  limits.signal?.addEventListener("abort", stop, { once: true });
  let failed: Error | undefined;
  try {
    // The settings take no parameters, so they go in one round trip.
    await step(
      client.query(
        [
          "BEGIN READ ONLY",
          `SET LOCAL statement_timeout = ${timeoutMs}`,
          `SET LOCAL idle_in_transaction_session_timeout = ${timeoutMs + DEADLINE_GRACE_MS}`,
          ...(limits.searchPath ? [`SET LOCAL search_path = ${pg.escapeIdentifier(limits.searchPath)}`] : []),
        ].join("; "),
      ),
    );
    const budget = new RowBudget(limits);
    const fields = await readCursor(
      client,
      {
        text: statement.wrappable ? wrappedRead(statement.text) : statement.text,
        values: query.values,
      },
      budget,
      limits.maxBytes,
      step,
    );
    await step(client.query("COMMIT"));
    await step(client.query("DISCARD ALL"));
    const columns: OutputField[] = fields.map((field) => ({
      name: field.name,
      type: columnTypes[field.dataTypeID] ?? "string",
      description: "",
    }));
    return { columns, rows: budget.rows, truncated: budget.truncated };
  } catch (error) {
    // A connection that failed mid-query is closed, not reused.
    failed = error as Error;
    limits.signal?.throwIfAborted();
    if (error instanceof DataSourceError) throw error;
    if (stopped)
      throw new DataSourceError(`The query ran past its time limit (${timeoutMs} ms) and was stopped.`, {
        transient: true,
      });
    throw new DataSourceError((error as Error).message, { transient: transientFailure(error) });
  } finally {
    clearTimeout(deadline);
    limits.signal?.removeEventListener("abort", stop);
    client.off("error", dropped);
    client.off("end", dropped);
    client.release(failed ?? stopped);
  }
}

/** Parameter types as PostgreSQL names them (`format_type`), as QueryFlow's value types. */
function valueTypeOf(pgType: string): ValueType {
  const array = pgType.endsWith("[]");
  const base = pgType
    .replace(/\[\]$/, "")
    .replace(/\(.*\)/, "")
    .trim();
  const scalar: ValueType = ["integer", "bigint", "smallint"].includes(base)
    ? "integer"
    : ["numeric", "real", "double precision"].includes(base)
      ? "number"
      : base === "date"
        ? "date"
        : base.startsWith("timestamp")
          ? "datetime"
          : base === "boolean"
            ? "boolean"
            : ["json", "jsonb"].includes(base)
              ? "json"
              : "string";
  if (!array) return scalar;
  return scalar === "integer" ? "integer[]" : scalar === "number" ? "number[]" : "string[]";
}

/** The line (from 1) a PostgreSQL error position points at, in the text after `prefix`. */
function lineAt(text: string, prefix: string, position: string | undefined): number | undefined {
  const offset = Number(position) - 1 - prefix.length;
  if (!position || offset < 0) return undefined;
  return text.slice(0, offset).split("\n").length;
}

const DESCRIBE_PREFIX = `PREPARE queryflow_describe AS ${WRAP_PREFIX}`;

/**
 * Prepares the statement (wrapped as the runs wrap it) in a read-only transaction that is rolled
 * back: PostgreSQL infers each parameter's type (`pg_prepared_statements`), and executing it with
 * NULLs under LIMIT 0 gives the result's columns without reading a row.
 */
async function describeWith(client: pg.Client, text: string): Promise<Description> {
  const read = await pgReadStatement(text);
  if (!read.wrappable)
    throw new StatementRefusedError(
      "EXPLAIN answers a plan, not rows: preview it, but save a template with the query itself.",
    );
  const statement = read.text;
  await client.query("BEGIN READ ONLY");
  try {
    await client.query("SET LOCAL statement_timeout = 10000");
    try {
      // On the extended protocol, like every user statement: one statement, whatever it holds.
      await client.query({
        text: `PREPARE queryflow_describe AS ${wrappedRead(statement)} LIMIT 0`,
        queryMode: "extended",
      } as pg.QueryConfig);
    } catch (error) {
      const { message, position } = error as Error & { position?: string };
      throw new DataSourceError(message, { line: lineAt(statement, DESCRIBE_PREFIX, position) });
    }
    const { rows } = await client.query<{ types: string[] }>(
      `SELECT array(SELECT format_type(t, NULL) FROM unnest(parameter_types::oid[]) AS t) AS types
       FROM pg_prepared_statements WHERE name = 'queryflow_describe'`,
    );
    const parameterTypes = rows[0]!.types;
    const nulls = parameterTypes.map(() => "NULL").join(", ");
    const result = await client.query(
      `EXECUTE queryflow_describe${parameterTypes.length ? `(${nulls})` : ""}`,
    );
    return {
      parameterTypes: parameterTypes.map(valueTypeOf),
      columns: result.fields.map((field) => ({
        name: field.name,
        type: columnTypes[field.dataTypeID] ?? "string",
        description: "",
      })),
    };
  } finally {
    await client.query("ROLLBACK").catch(() => {});
  }
}

const sslOptions = (mode: PostgresTarget["connection"]["sslMode"], serverName: string | undefined) =>
  mode === "disable"
    ? false
    : { rejectUnauthorized: mode === "verify-full", ...(serverName ? { servername: serverName } : {}) };

function clientConfig(target: Target): pg.ClientConfig {
  const { host, port, database, user, password, sslMode, serverName } = targetOf(
    target,
    "postgres",
  ).connection;
  return {
    host,
    port,
    database,
    user,
    password: password ?? undefined,
    ssl: sslOptions(sslMode, serverName),
    connectionTimeoutMillis: 10_000,
    application_name: "queryflow",
  };
}

const pools = new Map<string, pg.Pool>();
/** Pools kept per process; past it the least recently used one is closed (many sources, few in use). */
const POOLS_KEPT = 50;

function poolFor(target: Target): pg.Pool {
  const kept = pools.get(target.key);
  if (kept) {
    // Most recently used last: the Map's order is the eviction order.
    pools.delete(target.key);
    pools.set(target.key, kept);
    return kept;
  }
  if (pools.size >= POOLS_KEPT) {
    const [oldest, evicted] = pools.entries().next().value!;
    pools.delete(oldest);
    // Its clients finish what they run, then close.
    void evicted.end().catch(() => {});
  }
  const pool = new pg.Pool({
    ...clientConfig(target),
    max: env().DATA_SOURCE_POOL_MAX,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection the server drops must not end the process; the next query reconnects.
  pool.on("error", () => {});
  pools.set(target.key, pool);
  return pool;
}

/** Connects as the source's user; a superuser is refused, since read-only could not hold it. */
async function withClient<T>(target: Target, use: (client: pg.Client) => Promise<T>): Promise<T> {
  // A query of these (a schema read on a huge catalog, a describe) gives up on its own too.
  const client = new pg.Client({ ...clientConfig(target), query_timeout: 30_000 });
  client.on("error", () => {});
  try {
    await client.connect().catch((error) => {
      throw connectionFailed(error);
    });
    const { rows } = await client.query<{ rolsuper: boolean }>(
      "SELECT rolsuper FROM pg_roles WHERE rolname = current_user",
    );
    if (rows[0]?.rolsuper)
      throw new DataSourceError(
        `"${targetOf(target, "postgres").connection.user}" is a superuser: connect as a role that may only read (a superuser can read server files and run programs whatever QueryFlow does).`,
      );
    return await use(client);
  } catch (error) {
    throw error instanceof DataSourceError
      ? error
      : new DataSourceError((error as Error).message, { transient: transientFailure(error) });
  } finally {
    await client.end().catch(() => {});
  }
}

const checked = new Map<string, Promise<void>>();

/** The superuser check, once per pool (per connection settings), before its first query. */
function notSuperuser(target: Target): Promise<void> {
  let check = checked.get(target.key);
  if (!check) {
    check = withClient(target, async () => {});
    check.catch(() => checked.delete(target.key));
    checked.set(target.key, check);
  }
  return check;
}

export const postgresDriver: Driver = {
  test: (target) =>
    withClient(target, async (client) => {
      const started = performance.now();
      const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
      return {
        serverVersion: `PostgreSQL ${rows[0]!.server_version}`,
        latencyMs: Math.round(performance.now() - started),
      };
    }),

  schema: (target) =>
    withClient(target, async (client) => {
      const { rows } = await client.query<{ schema: string; name: string; column: string; type: string }>(
        `SELECT c.table_schema AS schema, c.table_name AS name, c.column_name AS column, c.data_type AS type
         FROM information_schema.columns c
         WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
           AND ($1::text IS NULL OR c.table_schema = $1)
         ORDER BY 1, 2, c.ordinal_position`,
        [targetOf(target, "postgres").searchPath ?? null],
      );
      const tables = new Map<
        string,
        { schema: string; name: string; columns: { name: string; type: string }[] }
      >();
      for (const row of rows) {
        const key = `${row.schema}.${row.name}`;
        const table = tables.get(key) ?? { schema: row.schema, name: row.name, columns: [] };
        table.columns.push({ name: row.column, type: row.type });
        tables.set(key, table);
      }
      return [...tables.values()];
    }),

  async query(target, query, limits) {
    await notSuperuser(target);
    return readOnlyQuery(poolFor(target), query, {
      ...limits,
      searchPath: targetOf(target, "postgres").searchPath,
    });
  },

  describe: (target, text) => withClient(target, (client) => describeWith(client, text)),

  async release(sourceId) {
    // Every pool of the source: one per connection settings and resolved address it has had.
    for (const [key, pool] of [...pools]) {
      if (!key.startsWith(`${sourceId}:`)) continue;
      pools.delete(key);
      checked.delete(key);
      await pool.end().catch(() => {});
    }
  },
};
