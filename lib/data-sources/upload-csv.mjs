// Reading a CSV or TSV file line by line before DuckDB's sniffer sees it: which records cannot be
// read, and a copy of the file without them. Used by the upload process (upload-process.mjs).
import { createReadStream } from "node:fs";

export const quoted = (name) => `"${name.replaceAll('"', '""')}"`;
export const literal = (text) => `'${text.replaceAll("'", "''")}'`;

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

/**
 * Every field of the file as text, in the dialect its extension names, with or without its header;
 * records that cannot be read are set aside in `reject_errors`.
 */
function asText(file, delimiter, width, { header }) {
  const columns = Array.from({ length: width }, (_, index) => `'c${index}': 'VARCHAR'`).join(", ");
  return `read_csv(${literal(file)}, auto_detect=false, header=${header}, delim=${literal(delimiter)},
    quote='"', escape='"', columns={${columns}}, store_rejects=true, rejects_limit=0)`;
}

/** Records shown to the user, at most; the count is always whole. */
const SHOWN = 100;

/**
 * The records of the file DuckDB cannot read (a ragged row, an unterminated quote), each with the
 * line it starts on, the lines it spans and why: DuckDB's sniffer would otherwise "succeed" on a
 * damaged file by taking it as one column, or drop the lines it cannot read.
 */
export async function unreadableRecords(connection, file, delimiter) {
  const width = await headerWidth(file, delimiter);
  await connection.run(`SELECT count(*) FROM ${asText(file, delimiter, width, { header: true })}`);
  // Counted, cut and limited in SQL: a file whose every line is bad has millions of them.
  const records = `SELECT DISTINCT ON (line) line, error_message, csv_line FROM reject_errors ORDER BY line`;
  const spans =
    "length(rtrim(csv_line, chr(10))) - length(replace(rtrim(csv_line, chr(10)), chr(10), '')) + 1";
  const totals = await connection.runAndReadAll(
    `SELECT count(*)::BIGINT AS records, coalesce(sum(${spans}), 0)::BIGINT AS lines FROM (${records})`,
  );
  const first = await connection.runAndReadAll(
    `SELECT line::BIGINT AS line, (line + ${spans} - 1)::BIGINT AS last_line, error_message AS reason,
       left(rtrim(csv_line, chr(10)), 200) AS text
     FROM (${records}) ORDER BY line LIMIT ${SHOWN}`,
  );
  const [counts] = totals.getRowObjectsJson();
  return {
    width,
    records: Number(counts.records),
    lines: Number(counts.lines),
    first: first.getRowObjectsJson().map((row) => ({
      line: Number(row.line),
      lastLine: Number(row.last_line),
      reason: String(row.reason),
      text: String(row.text),
    })),
  };
}

/** A copy of the file holding its header and the records that read, for the sniffer to type. */
export async function readableCopy(connection, file, delimiter, width, target) {
  const header = await connection.runAndReadAll(
    `SELECT * FROM ${asText(file, delimiter, width, { header: false })} LIMIT 1`,
  );
  const names = Object.values(header.getRowObjectsJson()[0] ?? {});
  const columns = names.map((name, index) => `c${index} AS ${quoted(String(name ?? `column${index}`))}`);
  await connection.run(
    `COPY (SELECT ${columns.join(", ")} FROM ${asText(file, delimiter, width, { header: true })})
     TO ${literal(target)} (HEADER, DELIMITER ${literal(delimiter)})`,
  );
}
