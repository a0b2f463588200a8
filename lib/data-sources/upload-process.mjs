// One upload's process: reading the user's file and writing it into a DuckDB source happen
// here, never on a web server's event loop. A file that crashes DuckDB (SIGSEGV on deep nesting was
// seen), runs out of memory or runs too long ends this process only; the server kills it at its time
// limit. Plain JavaScript, so Next.js, tsx and Vitest all start it as it is.
import { createReadStream } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";

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

const quoted = (name) => `"${name.replaceAll('"', '""')}"`;
const literal = (text) => `'${text.replaceAll("'", "''")}'`;

/** How many fields the first line of a CSV file has (quotes honoured; the header is one line). */
async function headerWidth(file, delimiter) {
  let fields = 1;
  let inQuotes = false;
  for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 64 * 1024 })) {
    for (const char of chunk) {
      if (char === '"') inQuotes = !inQuotes;
      else if (!inQuotes && char === delimiter) fields += 1;
      else if (!inQuotes && char === "\n") return fields;
    }
  }
  return fields;
}

const plural = (count, noun) => `${count} ${noun}${count === 1 ? "" : "s"}`;

/**
 * Every line of a CSV or TSV file read as text under the dialect its extension names, with the
 * lines DuckDB rejects (a ragged row, an unterminated quote) collected: a refusal naming the first of
 * them and how many there are, or null when every line reads. DuckDB's sniffer would otherwise
 * "succeed" on a damaged file by taking it as one column, or drop the lines it cannot read.
 */
async function badLines(connection, job) {
  const width = await headerWidth(job.copy, job.delimiter);
  const columns = Array.from({ length: width }, (_, index) => `'c${index}': 'VARCHAR'`).join(", ");
  await connection.run(
    `SELECT count(*) FROM read_csv(${literal(job.copy)}, auto_detect=false, header=true, delim=${literal(job.delimiter)},
       quote='"', escape='"', columns={${columns}}, store_rejects=true, rejects_limit=0)`,
  );
  const reader = await connection.runAndReadAll(
    `SELECT line::BIGINT AS line, error_message AS reason, csv_line AS text, count(*) OVER ()::BIGINT AS lines
     FROM (SELECT DISTINCT ON (line) line, error_message, csv_line FROM reject_errors ORDER BY line) LIMIT 1`,
  );
  const [first] = reader.getRowObjectsJson();
  if (!first) return null;
  const text = String(first.text).split("\n")[0].slice(0, 200);
  return {
    ok: false,
    code: "unprocessable_entity",
    message: `Line ${first.line} cannot be read: ${first.reason} ("${text}"). ${plural(Number(first.lines), "line")} of the file cannot be read; nothing was loaded. Fix the file and upload it again.`,
  };
}

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

/** The file as DuckDB reads it: CSV and TSV in the dialect their extension names, with a header. */
const readerOf = (job) =>
  job.delimiter
    ? `read_csv(${literal(job.copy)}, delim=${literal(job.delimiter)}, quote='"', escape='"', header=true)`
    : `${job.reader}(${literal(job.copy)})`;

async function load(job) {
  if (job.json) {
    const line = await nestingOver(job.copy, job.maxDepth);
    if (line !== null)
      return {
        ok: false,
        code: "unprocessable_entity",
        message: `The file nests arrays and objects more than ${job.maxDepth} levels deep (line ${line}): QueryFlow reads at most ${job.maxDepth}.`,
      };
  }
  const instance = await DuckDBInstance.create(job.file, {
    memory_limit: job.memoryLimit,
    threads: "2",
    max_temp_directory_size: job.tempLimit,
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "false",
  });
  const connection = await instance.connect();
  try {
    if (job.delimiter) {
      const refused = await badLines(connection, job);
      if (refused) return refused;
    }
    const table = quoted(job.table);
    await connection.run("BEGIN TRANSACTION");
    const existing = await rowsOf(connection, job.table);
    if (existing !== null && job.mode === "create") {
      await connection.run("ROLLBACK");
      return {
        ok: false,
        code: "conflict",
        rows: existing,
        message: `A table "${job.table}" already exists (${plural(existing, "row")}): replace it, or append the file's rows to it.`,
      };
    }
    // One row past the cap is enough to know the file has too many: a small compressed file can
    // expand to hundreds of millions.
    const read = `SELECT * FROM ${readerOf(job)} LIMIT ${job.maxRows + 1}`;
    await connection.run(
      existing !== null && job.mode === "append"
        ? `INSERT INTO ${table} BY NAME ${read}`
        : `CREATE OR REPLACE TABLE ${table} AS ${read}`,
    );
    const total = (await rowsOf(connection, job.table)) ?? 0;
    const rows = job.mode === "append" ? total - (existing ?? 0) : total;
    if (rows > job.maxRows) {
      await connection.run("ROLLBACK");
      return {
        ok: false,
        code: "payload_too_large",
        message: `The file holds more than ${job.maxRows} rows, the most one upload may load (DUCKDB_UPLOAD_MAX_ROWS).`,
      };
    }
    const columns = await connection.runAndReadAll(
      `SELECT column_name AS name, data_type AS type FROM information_schema.columns
       WHERE table_name = $1 ORDER BY ordinal_position`,
      [job.table],
    );
    await connection.run("COMMIT");
    await connection.run("CHECKPOINT");
    return { ok: true, table: { name: job.table, rows: total, columns: columns.getRowObjectsJson() } };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

// A server that went away takes its upload with it.
process.once("disconnect", () => process.exit(1));
// One job per process: the answer is sent, then the process ends (closing the source's file).
process.once("message", (job) => {
  load(job)
    .catch((error) => ({ ok: false, message: String(error?.message ?? error).split("\n")[0] }))
    // The copy's path is the server's business: messages name the file as the user called it.
    .then((answer) => ({ ...answer, message: answer.message?.replaceAll(job.copy, job.fileName) }))
    .then((answer) => process.send(answer, () => process.exit(0)));
});
