import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Sql } from "./sql";

const ROLE = "queryflow_warehouse_reader";
const SECRET = "warehouse_reader_password";

/** Temporary files one query of the reader may write (sorts, hashes spilled to disk) on QueryFlow's own disk. */
const READER_TEMP_FILE_LIMIT = "1GB";

/**
 * Lets the warehouse reader log in with a password of its own: made on the first start, kept in
 * `app_secrets`, and set on the role at every start (so a restored or moved database still works).
 * The reader may not make temporary objects in QueryFlow's database (a temp table on a pooled
 * session could be read by the next user's query), and its queries' temporary files are capped.
 * Run at start-up by the app's user, which created the role and may change it; run again when the
 * reader cannot log in (`withWarehouseLogin` in lib/data-sources).
 */
export async function ensureWarehouseReaderLogin(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext('queryflow.warehouse_reader'))");
    const { rows } = await client.query<{ value: string }>("SELECT value FROM app_secrets WHERE name = $1", [
      SECRET,
    ]);
    let password = rows[0]?.value;
    if (!password) {
      password = randomBytes(24).toString("base64url");
      await client.query("INSERT INTO app_secrets (name, value) VALUES ($1, $2)", [SECRET, password]);
    }
    await client.query(`ALTER ROLE ${ROLE} WITH LOGIN PASSWORD ${pg.escapeLiteral(password)}`);
    // Database privileges live outside the database (a copy of it starts with the defaults again).
    await client.query(`DO $$ BEGIN
      EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO CURRENT_USER', current_database());
      EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC, ${ROLE}', current_database());
    END $$`);
    await client.query("SAVEPOINT temp_file_limit");
    try {
      // Only a superuser may set it; on a managed server the operator's own limit stands.
      await client.query(`ALTER ROLE ${ROLE} SET temp_file_limit = '${READER_TEMP_FILE_LIMIT}'`);
    } catch {
      await client.query("ROLLBACK TO SAVEPOINT temp_file_limit");
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/** The URL SQL templates connect with: the app's database, as the warehouse reader. */
export async function warehouseReaderUrl(connectionString: string, sql: Sql): Promise<string> {
  const { rows } = await sql.query<{ value: string }>("SELECT value FROM app_secrets WHERE name = $1", [
    SECRET,
  ]);
  if (!rows[0])
    throw new Error("The warehouse reader has no password yet: start QueryFlow once with `npm start`.");
  const url = new URL(connectionString);
  url.username = ROLE;
  url.password = rows[0].value;
  return url.toString();
}
