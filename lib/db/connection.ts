import pg from "pg";

/** A start-up failure whose message is the one line we print (never containing a password). */
export class StartupError extends Error {
  override name = "StartupError";
}

interface PgError extends Error {
  code?: string;
}

/** Where a connection string points, without its credentials. */
export function describeTarget(connectionString: string): { where: string; user: string; database: string } {
  const url = new URL(connectionString);
  const host = url.hostname || "localhost";
  return {
    where: `${host}:${url.port || "5432"}`,
    user: decodeURIComponent(url.username || "(default)"),
    database: decodeURIComponent(url.pathname.replace(/^\//, "") || "(default)"),
  };
}

/** Turns a driver error into one line that names the cause. */
export function describeConnectionError(error: unknown, connectionString: string): string {
  const { where, user, database } = describeTarget(connectionString);
  const code = (error as PgError)?.code;
  const reason = error instanceof Error ? error.message : String(error);
  switch (code) {
    case "ECONNREFUSED":
      return `Cannot reach PostgreSQL at ${where}: connection refused. Is the server running, and is DATABASE_URL right?`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `Cannot reach PostgreSQL at ${where}: the host name does not resolve. Check DATABASE_URL.`;
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `Cannot reach PostgreSQL at ${where}: no answer (${code}). Check DATABASE_URL and the network.`;
    case "28P01":
      return `PostgreSQL at ${where} rejected the password for user "${user}". Check the password in DATABASE_URL.`;
    case "28000":
      return `PostgreSQL at ${where} does not let user "${user}" connect to "${database}": ${reason}`;
    case "3D000":
      return `PostgreSQL at ${where} has no database "${database}". Create it, or fix the name in DATABASE_URL.`;
    default:
      if (/timeout/i.test(reason)) {
        return `Cannot reach PostgreSQL at ${where}: no answer within 5 s. Check DATABASE_URL and the network.`;
      }
      return `Cannot connect to PostgreSQL at ${where}: ${reason}`;
  }
}

/** Connects once and runs `SELECT 1`, turning any failure into a StartupError with one clear line. */
export async function checkConnection(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    throw new StartupError(describeConnectionError(error, connectionString));
  } finally {
    await client.end().catch(() => {});
  }
}
