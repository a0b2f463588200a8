import { loadModule, parseSync } from "libpg-query";
import { DataSourceError } from "./driver";

/**
 * A statement QueryFlow will not send: more than one, or one that is not a read. The API answers it
 * with 400 (the SQL is the problem, not the database), runs fail the node with its message.
 */
export class StatementRefusedError extends DataSourceError {
  override name = "StatementRefusedError";
}

/**
 * Built-ins that run a query given as a string (`query_to_xml('select pg_terminate_backend(…)', …)`),
 * which the parser never sees: they would hide any of SESSION_FUNCTIONS.
 */
const RUNS_TEXT = new Set([
  "query_to_xml",
  "query_to_xmlschema",
  "query_to_xml_and_xmlschema",
  "cursor_to_xml",
  "cursor_to_xmlschema",
  "ts_stat",
  "ts_rewrite",
]);

/**
 * Functions a SELECT could use to change the session or reach other users' queries, which a read-only
 * transaction allows: settings (`set_config` could lift `statement_timeout` for the rest of a
 * cursor), session-level advisory locks, notifications, and signalling other backends of the same
 * role — on the sample warehouse every user's queries share one role.
 */
const SESSION_FUNCTIONS = new Set([
  "set_config",
  "pg_advisory_lock",
  "pg_advisory_lock_shared",
  "pg_try_advisory_lock",
  "pg_try_advisory_lock_shared",
  "pg_notify",
  "pg_cancel_backend",
  "pg_terminate_backend",
  "pg_reload_conf",
  "pg_rotate_logfile",
  "pg_log_backend_memory_contexts",
  "dblink",
  "dblink_exec",
  "dblink_connect",
]);

/** Parse-tree nodes that write, lock or create, wherever they appear (a data-modifying WITH, SELECT INTO). */
const WRITES: Record<string, string> = {
  InsertStmt: "an INSERT",
  UpdateStmt: "an UPDATE",
  DeleteStmt: "a DELETE",
  MergeStmt: "a MERGE",
  intoClause: "SELECT … INTO (which creates a table)",
  lockingClause: "FOR UPDATE/SHARE (which locks rows)",
};

/** "SelectStmt" → "SELECT", "VariableSetStmt" → "SET", for messages. */
function statementName(node: string): string {
  const names: Record<string, string> = {
    VariableSetStmt: "SET",
    VariableShowStmt: "SHOW",
    TransactionStmt: "a transaction statement (BEGIN, COMMIT, …)",
    CreateStmt: "CREATE TABLE",
    CreateTableAsStmt: "CREATE TABLE AS",
    AlterRoleStmt: "ALTER ROLE",
    DiscardStmt: "DISCARD",
    CopyStmt: "COPY",
    DoStmt: "DO",
    CallStmt: "CALL",
  };
  return (
    names[node] ??
    node
      .replace(/Stmt$/, "")
      .replace(/([a-z])([A-Z])/g, "$1 $2")
      .toUpperCase()
  );
}

function findForbidden(node: unknown): string | null {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findForbidden(item);
      if (found) return found;
    }
    return null;
  }
  if (!node || typeof node !== "object") return null;
  for (const [key, value] of Object.entries(node)) {
    if (key in WRITES && value) return WRITES[key]!;
    if (key === "FuncCall") {
      const names = (value as { funcname?: { String?: { sval?: string } }[] }).funcname ?? [];
      const name = names.at(-1)?.String?.sval?.toLowerCase();
      if (name && (SESSION_FUNCTIONS.has(name) || RUNS_TEXT.has(name)))
        return `${name}() (${RUNS_TEXT.has(name) ? "it runs SQL given as text" : "it changes the session or other queries"})`;
    }
    const found = findForbidden(value);
    if (found) return found;
  }
  return null;
}

let loaded: Promise<void> | undefined;

/** The line (from 1) of a byte offset (from 0) into the UTF-8 form of `text`, as the parser counts. */
const lineOf = (text: string, offset: number) =>
  Buffer.from(text).subarray(0, Math.max(0, offset)).toString("utf8").split("\n").length;

/** Fields of the parse tree that hold byte positions in the text (every one @pgsql/types declares). */
const POSITIONS = new Set([
  "location",
  "stmt_location",
  "stmt_len",
  "name_location",
  "list_start",
  "list_end",
  "rexpr_list_start",
  "rexpr_list_end",
]);

/** A parse tree with the positions left out: the same statement parsed from two texts compares equal. */
const shapeOf = (node: unknown) =>
  JSON.stringify(node, (key, value) => (POSITIONS.has(key) ? undefined : value));

function parsed(text: string) {
  try {
    return parseSync(text).stmts ?? [];
  } catch (error) {
    const position = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails?.cursorPosition;
    throw new DataSourceError((error as Error).message, {
      line: position === undefined ? undefined : lineOf(text, position),
    });
  }
}

/** How QueryFlow sends a read it may wrap: as a subquery, so the row limit and the cursor apply to it. */
export const WRAP_PREFIX = "SELECT * FROM (";
export const wrappedRead = (statement: string) => `${WRAP_PREFIX}${statement}\n) AS result`;

/**
 * Proves with PostgreSQL's own parser (libpg-query, the server's grammar) that `text` is exactly one
 * read: a SELECT, WITH … SELECT, VALUES or TABLE, or EXPLAIN of one — with no data-modifying WITH,
 * SELECT INTO, row locks, or functions that change the session, signal other backends or run SQL of
 * their own, anywhere in it. Answers the statement without the trailing semicolon, and whether it can
 * be wrapped as a subquery (`wrappedRead`; EXPLAIN cannot). What is answered is proven too: parsed
 * again, it is the same single statement, and so is its wrapped form. A syntax error is the parser's
 * message with its line; anything else is a `StatementRefusedError`.
 */
export async function pgReadStatement(text: string): Promise<{ text: string; wrappable: boolean }> {
  loaded ??= loadModule();
  await loaded;
  const statements = parsed(text);
  if (statements.length !== 1)
    throw new StatementRefusedError(
      statements.length === 0
        ? "The SQL holds no statement: write one SELECT."
        : `The SQL holds ${statements.length} statements (${statements
            .map((entry) => statementName(Object.keys(entry.stmt ?? {})[0] ?? "?"))
            .join(", ")}): QueryFlow runs exactly one SELECT.`,
      { line: lineOf(text, statements[1]?.stmt_location ?? 0) },
    );
  const [entry] = statements as [(typeof statements)[number]];
  const node = Object.keys(entry.stmt ?? {})[0] ?? "";
  const body = entry.stmt as unknown as Record<string, Record<string, unknown>>;
  const explained = node === "ExplainStmt" ? Object.keys(body.ExplainStmt!.query ?? {})[0] : undefined;
  if (node !== "SelectStmt" && explained !== "SelectStmt")
    throw new StatementRefusedError(
      `The SQL is ${statementName(explained ?? node)}${explained ? " under EXPLAIN" : ""}: QueryFlow runs only reads (SELECT, WITH … SELECT, VALUES, TABLE or EXPLAIN of one).`,
    );
  const forbidden = findForbidden(body);
  if (forbidden) throw new StatementRefusedError(`The SQL uses ${forbidden}: QueryFlow runs only reads.`);
  // The parser counts in bytes of UTF-8, not in JavaScript's UTF-16 units.
  const bytes = Buffer.from(text);
  const start = entry.stmt_location ?? 0;
  const statement = bytes
    .subarray(start, entry.stmt_len ? start + entry.stmt_len : undefined)
    .toString("utf8")
    .trimEnd();
  const again = parsed(statement);
  const wrapped = node === "SelectStmt" ? parsed(wrappedRead(statement)) : [];
  const subquery = (
    wrapped[0]?.stmt as { SelectStmt?: { fromClause?: { RangeSubselect?: { subquery?: unknown } }[] } }
  )?.SelectStmt?.fromClause?.[0]?.RangeSubselect?.subquery;
  if (
    again.length !== 1 ||
    shapeOf(again[0]!.stmt) !== shapeOf(entry.stmt) ||
    (node === "SelectStmt" && (wrapped.length !== 1 || shapeOf(subquery) !== shapeOf(entry.stmt)))
  )
    throw new StatementRefusedError(
      "QueryFlow could not take this statement apart exactly: write it more simply.",
    );
  return { text: statement, wrappable: node === "SelectStmt" };
}
