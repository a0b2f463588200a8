// A DuckDB query process of workerpool's (lib/data-sources/drivers/duckdb.ts): every read of a DuckDB
// source — connection test, schema, describe, query — opens the file here, never in a web server or
// worker. A statement that crashes DuckDB's native code or runs it out of memory ends this process
// only; the pool starts another. Plain JavaScript, so Next.js, tsx and Vitest all start it as it is.
import path from "node:path";
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
 * An in-memory database that holds only a node's input tables (a "Query results" node): less memory
 * than a source's reads, since several nodes' inputs may be in memory. External access is switched
 * off once the input files are allowed (lockDown), not at creation: DuckDB takes no `allowed_paths`
 * then.
 */
const IN_MEMORY = {
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
    await connection.run("SET lock_configuration = true");
    return await use(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const quoted = (name) => `"${String(name).replaceAll('"', '""')}"`;

const literal = (text) => `'${String(text).replaceAll("'", "''")}'`;

/**
 * No file but `paths` may be read from here on, no network, no extension, and no setting may change
 * again (`SET enable_external_access = true` fails): what a user's statement then runs in.
 */
async function lockDown(connection, paths) {
  if (paths.length) await connection.run(`SET allowed_paths = [${paths.map(literal).join(", ")}]`);
  await connection.run("SET enable_external_access = false");
  await connection.run("SET lock_configuration = true");
}

async function withInstance(settings, use) {
  const instance = await DuckDBInstance.create(":memory:", settings);
  const connection = await instance.connect();
  try {
    return await use(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * Opens an in-memory database holding each input table — `{ alias, columns: [{ name, type }], path }`:
 * a view of the upstream result's Parquet file at `path`, or with no path an empty table of those
 * DuckDB types (describing a query) — and hands it over, locked down to those files alone.
 */
function withTables(tables, use) {
  return withInstance(IN_MEMORY, async (connection) => {
    await lockDown(
      connection,
      tables.flatMap(({ path }) => (path ? [path] : [])),
    );
    for (const { alias, columns, path } of tables) {
      if (!columns.length) throw new Error(`Table ${alias} has no columns.`);
      await connection.run(
        path
          ? `CREATE VIEW ${quoted(alias)} AS SELECT * FROM read_parquet(${literal(path)})`
          : `CREATE TABLE ${quoted(alias)} (${columns.map(({ name, type }) => `${quoted(name)} ${type}`).join(", ")})`,
      );
    }
    return use(connection);
  });
}

/**
 * Result files are written and read by one database per cache directory, kept open (opening one and
 * locking it down costs more than reading a page): it may touch files in that directory and nothing
 * else, runs only QueryFlow's own statements, and keeps Parquet footers cached between pages. It
 * holds no tables, so sharing it between results shares nothing a user wrote.
 */
const resultReaders = new Map();

function resultReader(directory) {
  let reader = resultReaders.get(directory);
  if (!reader) {
    reader = (async () => {
      const instance = await DuckDBInstance.create(":memory:", IN_MEMORY);
      const setup = await instance.connect();
      await setup.run(`SET allowed_directories = [${literal(directory)}]`);
      await setup.run("SET parquet_metadata_cache = true");
      await lockDown(setup, []);
      setup.closeSync();
      return instance;
    })();
    reader.catch(() => resultReaders.delete(directory));
    resultReaders.set(directory, reader);
  }
  return reader;
}

/** Reads or writes one result's Parquet file, and nothing outside its directory. */
async function withResultFile(file, use) {
  const instance = await resultReader(path.dirname(file));
  const connection = await instance.connect();
  try {
    return await use(connection);
  } finally {
    connection.closeSync();
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

/** The key of a result file's metadata that names its JSON columns. */
const JSON_COLUMNS = "queryflow_json_columns";

/** A result file's JSON columns, read once per file: a stored file never changes. */
const jsonColumns = new Map();

async function jsonColumnsOf(connection, file) {
  if (!jsonColumns.has(file)) {
    const reader = await connection.runAndReadAll(
      `SELECT decode(value) AS names FROM parquet_kv_metadata(${literal(file)}) WHERE decode(key) = '${JSON_COLUMNS}'`,
    );
    const names = reader.getRowObjectsJson()[0]?.names;
    if (jsonColumns.size >= 10_000) jsonColumns.clear();
    jsonColumns.set(file, new Set(names ? JSON.parse(String(names)) : []));
  }
  return jsonColumns.get(file);
}

/** Operations on a result's file (`withResultFile`), not on a source. */
const resultOperations = {
  /**
   * Writes rows — a JSON text, parsed by DuckDB into the declared types; a value that does not fit
   * its column fails, naming it, rather than becoming null — as a Parquet file at `path`.
   */
  async writeResult(connection, { columns, rows, path }) {
    const structure = JSON.stringify([Object.fromEntries(columns.map(({ name, type }) => [name, type]))]);
    // Parquet keeps no JSON type that DuckDB reads back as such: the file says which columns are JSON.
    const json = JSON.stringify(columns.filter(({ type }) => type === "JSON").map(({ name }) => name));
    const write = await connection.prepare(
      // from_json_strict wants its structure as a constant: a string literal.
      `COPY (SELECT unnest(from_json_strict($1::VARCHAR, ${literal(structure)}), recursive := true))
       TO ${literal(path)} (FORMAT parquet, KV_METADATA { ${JSON_COLUMNS}: ${literal(json)} })`,
    );
    try {
      write.bind([rows]);
      await write.run();
    } finally {
      write.destroySync();
    }
    return null;
  },

  /**
   * Rows `offset` to `offset + limit` of the file, as arrays of JSON values in `columns`' order: as
   * stored, or by one column (empty cells last, then the stored order).
   */
  async readResult(connection, { path, columns, sort, offset, limit }) {
    const list = columns.map(quoted).join(", ");
    // file_row_number keeps ties in the stored order; a result with a column of that name has it taken.
    const tieBreak = columns.some((name) => name.toLowerCase() === "file_row_number")
      ? ""
      : ", file_row_number";
    const order = sort
      ? `ORDER BY ${quoted(sort.column)} ${sort.order === "desc" ? "DESC" : "ASC"} NULLS LAST${tieBreak}`
      : "";
    const reader = await connection.runAndReadAll(
      `SELECT ${list} FROM read_parquet(${literal(path)}${tieBreak ? ", file_row_number = true" : ""})
       ${order} LIMIT ${Number(limit)} OFFSET ${Number(offset)}`,
    );
    // The stored types say how to read each value back (a JSON column's text is parsed).
    const json = await jsonColumnsOf(connection, path);
    const types = reader
      .columnTypes()
      .map((type, index) => (json.has(columns[index]) ? "JSON" : String(type)));
    return { types, rows: reader.getRowsJson() };
  },
};

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
 * One operation on one source's file, or (`file` null) on `input.tables` in memory, or on a stored
 * result's file (writeResult, readResult: `input.path`). A failure is an
 * answer rather than a thrown error, so that its message crosses intact (DuckDB's first line only:
 * the rest is its internal context).
 */
async function run(operation, file, input) {
  try {
    return { ok: true, value: await inPlace(operation, file, input) };
  } catch (error) {
    return {
      ok: false,
      refused: error instanceof Refused,
      message: String(error?.message ?? error).split("\n")[0],
    };
  }
}

function inPlace(operation, file, input) {
  if (operation === "writeResult" || operation === "readResult")
    return withResultFile(input.path, (c) => resultOperations[operation](c, input));
  const work = (connection) => operations[operation](connection, input);
  return file === null ? withTables(input.tables, work) : withReadOnly(file, work);
}

workerpool.worker({ run });
