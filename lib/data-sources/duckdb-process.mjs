// A DuckDB query process of workerpool's (lib/data-sources/drivers/duckdb.ts): every read of a DuckDB
// source — connection test, schema, describe, query — opens the file here, never in a web server or
// worker. A statement that crashes DuckDB's native code or runs it out of memory ends this process
// only; the pool starts another. Plain JavaScript, so Next.js, tsx and Vitest all start it as it is.
import { DuckDBInstance, JsonDuckDBValueConverter, StatementType } from "@duckdb/node-api";
import workerpool from "workerpool";

/**
 * Settings every query runs under, whatever its SQL says: the file opened read-only, no access to
 * files or the network (`read_csv('/etc/passwd')`, ATTACH, INSTALL and LOAD fail), bounded memory and
 * threads. `enable_external_access` cannot be switched back on while the database is open.
 */
const READ_ONLY = {
  access_mode: "READ_ONLY",
  enable_external_access: "false",
  autoinstall_known_extensions: "false",
  autoload_known_extensions: "false",
  memory_limit: "512MB",
  threads: "2",
};

/**
 * An in-memory database that holds only a node's input tables (a "Query results" node): the same
 * isolation, and less memory than a source's reads, since several nodes' inputs may be in memory.
 */
const IN_MEMORY = {
  enable_external_access: "false",
  autoinstall_known_extensions: "false",
  autoload_known_extensions: "false",
  memory_limit: "384MB",
  threads: "2",
};

/** A statement QueryFlow refuses to run: the parent makes it a 400 rather than a database error. */
class Refused extends Error {}

/** Opens the source's file read-only for one piece of work and closes it after, releasing its lock. */
async function withReadOnly(file, use) {
  const instance = await DuckDBInstance.create(file, READ_ONLY);
  const connection = await instance.connect();
  try {
    return await use(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const quoted = (name) => `"${String(name).replaceAll('"', '""')}"`;

/**
 * Opens an in-memory database, loads each input table — `{ alias, columns: [{ name, type }], rows }`
 * with DuckDB types and rows as a JSON text — and hands it over; nothing of it outlives the work.
 * The rows are parsed by DuckDB into the declared types (from_json), so a value that does not fit
 * its column fails here, naming it; no table is written to disk and no file can be read.
 */
async function withTables(tables, use) {
  const instance = await DuckDBInstance.create(":memory:", IN_MEMORY);
  const connection = await instance.connect();
  try {
    for (const { alias, columns, rows } of tables) {
      const structure = JSON.stringify([Object.fromEntries(columns.map(({ name, type }) => [name, type]))]);
      if (!columns.length) throw new Error(`Table ${alias} has no columns.`);
      const load = await connection.prepare(
        // from_json wants its structure as a constant: a string literal, quotes doubled.
        `CREATE TABLE ${quoted(alias)} AS SELECT unnest(from_json($1::VARCHAR, '${structure.replaceAll("'", "''")}'), recursive := true)`,
      );
      try {
        load.bind([rows]);
        await load.run();
      } catch (error) {
        throw new Error(
          `Table ${alias} could not be loaded: ${String(error?.message ?? error).split("\n")[0]}`,
        );
      } finally {
        load.destroySync();
      }
    }
    return await use(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * Prepares `text` if DuckDB's own parser finds exactly one statement in it and that statement is a
 * SELECT (VALUES, FROM-first and WITH included): anything before a last statement would otherwise
 * run too (`SET memory_limit='16GB'; SELECT …`). Nothing runs here.
 */
async function prepareRead(connection, text) {
  const extracted = await connection.extractStatements(text);
  if (extracted.count !== 1)
    throw new Refused(
      extracted.count === 0
        ? "The SQL holds no statement: write one SELECT."
        : `The SQL holds ${extracted.count} statements: QueryFlow runs exactly one SELECT.`,
    );
  const prepared = await extracted.prepare(0);
  if (prepared.statementType !== StatementType.SELECT) {
    const kind = StatementType[prepared.statementType] ?? "not a query";
    prepared.destroySync();
    throw new Refused(
      `The SQL is ${kind.replace(/_STATEMENT$/, "").replaceAll("_", " ")}: QueryFlow runs only reads (SELECT, WITH … SELECT, FROM …, VALUES).`,
    );
  }
  return prepared;
}

/**
 * A type DuckDB leaves open until a value is bound (`SELECT $1 AS y`, `make_date($1 + 1, 1, 1)`)
 * throws when asked for: it is null then, and the parameter's declared type decides.
 */
function typeOrNull(read) {
  try {
    return String(read());
  } catch {
    return null;
  }
}

const columnsOf = (prepared) =>
  Array.from({ length: prepared.columnCount }, (_, index) => ({
    name: prepared.columnName(index),
    type: typeOrNull(() => prepared.columnType(index)),
  }));

const operations = {
  async test(connection) {
    const started = performance.now();
    const reader = await connection.runAndReadAll("SELECT version() AS version");
    return {
      version: String(reader.getRowObjectsJson()[0].version),
      latencyMs: Math.round(performance.now() - started),
    };
  },

  async schema(connection) {
    const reader = await connection.runAndReadAll(
      `SELECT table_schema AS schema, table_name AS name, column_name AS column, data_type AS type
       FROM information_schema.columns ORDER BY 1, 2, ordinal_position`,
    );
    return reader.getRowObjectsJson();
  },

  async describe(connection, { text }) {
    const prepared = await prepareRead(connection, text);
    try {
      return {
        // Parameters count from 1, columns from 0.
        parameterTypes: Array.from({ length: prepared.parameterCount }, (_, index) =>
          typeOrNull(() => prepared.parameterType(index + 1)),
        ),
        columns: columnsOf(prepared),
      };
    } finally {
      prepared.destroySync();
    }
  },

  /**
   * Rows as arrays of JSON values, read row by row so that neither `maxRows` nor `maxBytes` is passed
   * by more than one row (DuckDB hands over chunks of 2,048). DuckDB has no statement_timeout: the
   * statement is interrupted when its time is up; the pool kills the process if even that hangs.
   */
  async query(connection, { text, values, timeoutMs, maxRows, maxBytes }) {
    const prepared = await prepareRead(connection, text);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      connection.interrupt();
    }, timeoutMs);
    try {
      prepared.bind(values);
      const result = await prepared.stream();
      const rows = [];
      let bytes = 0;
      let truncated = false;
      reading: for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk?.rowCount) break;
        for (let index = 0; index < chunk.rowCount; index++) {
          if (rows.length === maxRows) {
            truncated = true;
            break reading;
          }
          const row = chunk.convertRowValues(index, JsonDuckDBValueConverter);
          rows.push(row);
          bytes += JSON.stringify(row).length;
          if (bytes > maxBytes) {
            truncated = true;
            break reading;
          }
        }
      }
      // The result's own columns: bound, a statement's types (and names) are known.
      const types = result.columnTypes();
      const columns = result.columnNames().map((name, index) => ({ name, type: String(types[index]) }));
      return { columns, rows, truncated };
    } catch (error) {
      if (timedOut) throw new Error(`The query ran past its time limit (${timeoutMs} ms) and was stopped.`);
      throw error;
    } finally {
      clearTimeout(timer);
      prepared.destroySync();
    }
  },
};

/**
 * One operation on one source's file, or (`file` null) on `input.tables` in memory. A failure is an
 * answer rather than a thrown error, so that its message crosses intact (DuckDB's first line only:
 * the rest is its internal context).
 */
async function run(operation, file, input) {
  try {
    const work = (connection) => operations[operation](connection, input);
    return {
      ok: true,
      value: await (file === null ? withTables(input.tables, work) : withReadOnly(file, work)),
    };
  } catch (error) {
    return {
      ok: false,
      refused: error instanceof Refused,
      message: String(error?.message ?? error).split("\n")[0],
    };
  }
}

workerpool.worker({ run });
