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
  const reader = await connection.runAndReadAll(
    `SELECT line::BIGINT AS line, error_message AS reason, csv_line AS text FROM
       (SELECT DISTINCT ON (line) line, error_message, csv_line FROM reject_errors ORDER BY line)
     ORDER BY line`,
  );
  const records = reader.getRowObjectsJson().map((row) => {
    const text = String(row.text).replace(/\n$/, "");
    const spans = text.split("\n").length;
    const line = Number(row.line);
    return { line, lastLine: line + spans - 1, reason: String(row.reason), text: text.slice(0, 200) };
  });
  return {
    width,
    records: records.length,
    lines: records.reduce((sum, record) => sum + record.lastLine - record.line + 1, 0),
    first: records.slice(0, SHOWN),
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
