// One upload's process: reading the user's file and writing it into a DuckDB source happen
// here, never on a web server's event loop. A file that crashes DuckDB (SIGSEGV on deep nesting was
// seen), runs out of memory or runs too long ends this process only; the server kills it at its time
// limit. Plain JavaScript, so Next.js, tsx and Vitest all start it as it is.
//
// A job is one of: `preview` (the file's columns, first rows and problems; the source opened
// read-only, nothing written), `load` (the file into a table) and `drop` (a table out of the source).
import { createReadStream, existsSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";
import { appendsAs } from "./append-types.mjs";
import { literal, quoted, readableCopy, unreadableRecords } from "./upload-csv.mjs";
import { DOUBLE_DIGITS, significantDigits, typedSelect, typeProblems } from "./upload-types.mjs";

/** Columns a file may have: a preview shows each, and every statement names them. */
const MAX_COLUMNS = 1_000;

/** Bytes of `[` `{` `"` `\` `]` `}`: the JSON scanner looks at nothing else. */
const [OPEN_ARRAY, OPEN_OBJECT, QUOTE, BACKSLASH, CLOSE_ARRAY, CLOSE_OBJECT] = [
  0x5b, 0x7b, 0x22, 0x5c, 0x5d, 0x7d,
];

/**
 * The deepest nesting of arrays and objects in a JSON or NDJSON file, read as a stream, stopping as
 * soon as it passes `limit` (DuckDB's reader recurses per level: 5,000 levels crashed it).
 */
async function nestingOver(file, limit) {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let line = 1;
  for await (const chunk of createReadStream(file)) {
    for (const byte of chunk) {
      if (byte === 0x0a) line += 1;
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === BACKSLASH) escaped = true;
        else if (byte === QUOTE) inString = false;
      } else if (byte === QUOTE) inString = true;
      else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
        depth += 1;
        if (depth > limit) return line;
      } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) depth -= 1;
    }
  }
  return null;
}

const plural = (count, noun) => `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;
const refusal = (message, code = "unprocessable_entity", extra = {}) => ({
  ok: false,
  code,
  message,
  ...extra,
});

/** The rows of a table of the source, or null when it has none of that name. */
async function rowsOf(connection, table) {
  const found = await connection.runAndReadAll(
    "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'main' AND table_name = $1",
    [table],
  );
  if (Number(found.getRowObjectsJson()[0].n) === 0) return null;
  const count = await connection.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM ${quoted(table)}`);
  return Number(count.getRowObjectsJson()[0].n);
}

async function columnsOf(connection, select) {
  const described = await connection.runAndReadAll(`DESCRIBE ${select}`);
  return described
    .getRowObjectsJson()
    .map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
}

/**
 * What the file holds, read as the user asked: refused when it nests too deep, when it names a column
 * the file lacks, or (unless asked to skip them) when records cannot be read. `raw` is the table
 * expression of its readable rows with the chosen columns as text, `from` the same typed as chosen.
 */
async function readFile(connection, job) {
  if (job.json) {
    const line = await nestingOver(job.copy, job.maxDepth);
    if (line !== null)
      return refusal(
        `The file nests arrays and objects more than ${job.maxDepth} levels deep (line ${line}): QueryFlow reads at most ${job.maxDepth}.`,
      );
  }
  let source = job.copy;
  let unreadable = null;
  if (job.delimiter) {
    unreadable = await unreadableRecords(connection, job.copy, job.delimiter);
    const [first] = unreadable.first;
    if (first && job.badLines !== "skip" && job.op === "load")
      return refusal(
        `Line ${first.line} cannot be read: ${first.reason} ("${first.text.split("\n")[0]}"). ${plural(unreadable.records, "record")} of the file cannot be read; nothing was loaded. Fix the file, or load the records that can be read and skip these.`,
      );
    if (first) {
      await readableCopy(connection, job.copy, job.delimiter, unreadable.width, job.readable);
      source = job.readable;
    }
  }
  // The chosen columns are read as text first: the sniffer would make "007" the number 7. Dates
  // are sniffed only when written year first: "03/04/2024" is April or March, and DuckDB guesses.
  const asRead = job.delimiter
    ? (types) =>
        `read_csv(${literal(source)}, delim=${literal(job.delimiter)}, quote='"', escape='"', header=true, dateformat='%Y-%m-%d'${
          types.length ? `, types={${types.map((name) => `${literal(name)}: 'VARCHAR'`).join(", ")}}` : ""
        })`
    : () => `${job.reader}(${literal(source)})`;
  const columns = await columnsOf(connection, `SELECT * FROM ${asRead([])}`);
  if (columns.length > MAX_COLUMNS)
    return refusal(`The file has ${columns.length} columns; QueryFlow loads at most ${MAX_COLUMNS}.`);
  const missing = Object.keys(job.types).filter((name) => !columns.some((column) => column.name === name));
  if (missing.length)
    return refusal(
      `The file has no column ${missing
        .slice(0, 5)
        .map((name) => `"${name}"`)
        .join(", ")}; its columns are ${columns
        .slice(0, 20)
        .map((column) => column.name)
        .join(", ")}${columns.length > 20 ? ", …" : ""}.`,
      "bad_request",
    );
  // A number the sniffer made a double that has more digits than a double holds stays text,
  // unless the user chose a type for it.
  const keptAsText = job.delimiter ? await longNumbers(connection, asRead, columns, job.types) : [];
  const types = { ...Object.fromEntries(keptAsText.map(({ column }) => [column, "text"])), ...job.types };
  const raw = asRead(Object.keys(types));
  return { ok: true, columns, raw, from: `(${typedSelect(raw, types)})`, unreadable, keptAsText };
}

/** The columns DuckDB read as DOUBLE some of whose values have more significant digits than a double holds. */
async function longNumbers(connection, asRead, columns, chosen) {
  const doubles = columns.filter((column) => column.type === "DOUBLE" && !(column.name in chosen));
  if (!doubles.length) return [];
  const counts = doubles.map(
    ({ name }, index) =>
      `count(*) FILTER (WHERE ${significantDigits(`trim(${quoted(name)})`)} > ${DOUBLE_DIGITS})::BIGINT AS n${index}`,
  );
  const reader = await connection.runAndReadAll(
    `SELECT ${counts.join(", ")} FROM ${asRead(doubles.map((column) => column.name))}`,
  );
  const [row] = reader.getRowObjectsJson();
  return doubles
    .map(({ name }, index) => ({ column: name, values: Number(row[`n${index}`]) }))
    .filter((found) => found.values > 0);
}

/** The table, its columns, its first rows, its row count and every problem, without writing anything. */
async function preview(connection, job) {
  const read = await readFile(connection, job);
  if (!read.ok) return read;
  const { rows, problems } = await typeProblems(connection, read.raw, job.types);
  const first = await connection.runAndReadAll(`SELECT * FROM ${read.from} LIMIT ${job.previewRows}`);
  const typed = await columnsOf(connection, `SELECT * FROM ${read.from}`);
  const existing = existsSync(job.file) ? await existingTable(job) : null;
  return {
    ok: true,
    preview: {
      table: job.table,
      existing: existing?.rows ?? null,
      existingColumns: existing?.columns ?? null,
      rows,
      maxRows: job.maxRows,
      keptAsText: read.keptAsText,
      columns: read.columns.map((column, index) => ({ ...column, as: typed[index]?.type ?? column.type })),
      first: first
        .getRowObjectsJson()
        .map((row) =>
          Object.fromEntries(
            Object.entries(row).map(([name, value]) => [
              name,
              typeof value === "string" ? value.slice(0, 200) : value,
            ]),
          ),
        ),
      typeProblems: problems,
      unreadable: read.unreadable && {
        records: read.unreadable.records,
        lines: read.unreadable.lines,
        first: read.unreadable.first,
      },
    },
  };
}

/** The columns of a table of the source, in order, or null when it has none of that name. */
async function tableColumns(connection, table) {
  const columns = await connection.runAndReadAll(
    `SELECT column_name AS name, data_type AS type FROM information_schema.columns
     WHERE table_schema = 'main' AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  const found = columns
    .getRowObjectsJson()
    .map((row) => ({ name: String(row.name), type: String(row.type) }));
  return found.length ? found : null;
}

/** The rows and columns of the table the upload would fill, read from the source opened read-only. */
async function existingTable(job) {
  const instance = await DuckDBInstance.create(job.file, { access_mode: "READ_ONLY" });
  const connection = await instance.connect();
  try {
    const rows = await rowsOf(connection, job.table);
    return rows === null ? null : { rows, columns: await tableColumns(connection, job.table) };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function load(connection, job) {
  const read = await readFile(connection, job);
  if (!read.ok) return read;
  const { problems } = await typeProblems(connection, read.raw, job.types);
  if (problems.length)
    return refusal(
      `${problems
        .map(
          ({ column, type, values, example }) =>
            `Column "${column}" has ${plural(values, "value")} that ${values === 1 ? "is" : "are"} not ${type === "integer" ? "an" : "a"} ${type} (e.g. "${example}")`,
        )
        .join("; ")}; nothing was loaded. Choose another type for it, or fix the file.`,
    );
  const table = quoted(job.table);
  await connection.run("BEGIN TRANSACTION");
  const existing = await rowsOf(connection, job.table);
  if (existing !== null && job.mode === "create") {
    await connection.run("ROLLBACK");
    return refusal(
      `A table "${job.table}" already exists (${plural(existing, "row")}): replace it, append the file's rows to it, or name a new table.`,
      "conflict",
      { rows: existing },
    );
  }
  // Appended rows take the table's types: a number into an integer column would be rounded.
  if (existing !== null && job.mode === "append") {
    const into = new Map(
      (await tableColumns(connection, job.table)).map((column) => [column.name, column.type]),
    );
    const typed = await columnsOf(connection, `SELECT * FROM ${read.from}`);
    const clashes = typed.filter(
      (column) => into.has(column.name) && !appendsAs(column.type, into.get(column.name)),
    );
    const unknown = typed.filter((column) => !into.has(column.name));
    if (clashes.length || unknown.length) {
      await connection.run("ROLLBACK");
      return refusal(
        [
          clashes.length &&
            `the file's ${clashes.map((column) => `"${column.name}" is ${column.type} where the table's is ${into.get(column.name)}`).join(", ")}`,
          unknown.length &&
            `the table has no column ${unknown.map((column) => `"${column.name}"`).join(", ")}`,
        ]
          .filter(Boolean)
          .join("; ")
          .replace(/^./, (letter) => letter.toUpperCase()) +
          `: nothing was appended. Choose the table's types for those columns, or load a new table.`,
      );
    }
  }
  // One row past the cap is enough to know the file has too many: a small compressed file can
  // expand to hundreds of millions.
  const select = `SELECT * FROM ${read.from} LIMIT ${job.maxRows + 1}`;
  await connection.run(
    existing !== null && job.mode === "append"
      ? `INSERT INTO ${table} BY NAME ${select}`
      : `CREATE OR REPLACE TABLE ${table} AS ${select}`,
  );
  const total = (await rowsOf(connection, job.table)) ?? 0;
  const rows = job.mode === "append" ? total - (existing ?? 0) : total;
  if (rows > job.maxRows) {
    await connection.run("ROLLBACK");
    return refusal(
      `The file holds more than ${job.maxRows} rows, the most one upload may load (DUCKDB_UPLOAD_MAX_ROWS).`,
      "payload_too_large",
    );
  }
  const columns = await tableColumns(connection, job.table);
  await connection.run("COMMIT");
  await connection.run("CHECKPOINT");
  const { unreadable } = read;
  return {
    ok: true,
    table: { name: job.table, rows: total, loaded: rows, columns },
    skipped: unreadable
      ? { records: unreadable.records, lines: unreadable.lines, first: unreadable.first }
      : { records: 0, lines: 0, first: [] },
  };
}

async function drop(connection, job) {
  const rows = await rowsOf(connection, job.table);
  if (rows === null) return refusal(`The source has no table "${job.table}".`, "not_found");
  await connection.run(`DROP TABLE ${quoted(job.table)}`);
  await connection.run("CHECKPOINT");
  return { ok: true, dropped: { name: job.table, rows } };
}

const operations = { preview, load, drop };

async function run(job) {
  // A preview writes nothing: the file is read in memory, and the source only looked at.
  const instance = await DuckDBInstance.create(job.op === "preview" ? ":memory:" : job.file, {
    // An in-memory database spills beside the server's working directory unless told where.
    ...(job.op === "preview" ? { temp_directory: job.tempDirectory } : {}),
    memory_limit: job.memoryLimit,
    threads: "2",
    max_temp_directory_size: job.tempLimit,
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "false",
  });
  const connection = await instance.connect();
  try {
    return await operations[job.op](connection, job);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * DuckDB's error in a line a user can act on: its first line, or for a line too long its reason
 * (the first line then says only "CSV Error on Line: 1").
 */
function failure(message) {
  const tooLong = /Maximum line size of (\d+) bytes exceeded/.exec(message);
  if (tooLong)
    return `A line of the file is longer than ${Number(tooLong[1]) / 1e6} MB, the most DuckDB reads in one CSV line.`;
  return message.split("\n")[0];
}

/** The copies' paths are the server's business: messages name the file as the user called it. */
const withoutPaths = (message, job) =>
  [
    [job.copy, job.fileName],
    [job.readable, job.fileName],
    [job.file, "the source"],
  ].reduce((text, [path, name]) => (path ? text.replaceAll(path, name) : text), message);

// A server that went away takes its upload with it.
process.once("disconnect", () => process.exit(1));
// One job per process: the answer is sent, then the process ends (closing the source's file).
process.once("message", (job) => {
  run(job)
    .catch((error) => ({ ok: false, message: failure(String(error?.message ?? error)) }))
    .then((answer) => ({ ...answer, message: answer.message && withoutPaths(answer.message, job) }))
    .then((answer) => process.send(answer, () => process.exit(0)));
});
