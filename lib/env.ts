import { availableParallelism } from "node:os";
import { z } from "zod";
import { trustedProxies } from "@/lib/security/client-ip";

const portMessage = "must be a port number from 1 to 65535";
const port = (fallback: number) =>
  z.coerce
    .number({ error: portMessage })
    .int(portMessage)
    .min(1, portMessage)
    .max(65535, portMessage)
    .default(fallback);
const wholeNumber = () =>
  z.coerce
    .number({ error: "must be a whole number above 0" })
    .int("must be a whole number above 0")
    .positive("must be a whole number above 0");
const positiveInt = (fallback: number) => wholeNumber().default(fallback);

/** A comma-separated list of host names or addresses, lower-cased. */
const hostList = () =>
  z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
    );

/** Every environment variable QueryFlow reads. Defaults make the embedded setup work untouched. */
export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** HTTP port of the web app. @default 3000 */
  PORT: port(3000),
  /** Public URL of the app (sign-in cookies and trusted origins). @default http://localhost:$PORT */
  APP_URL: z.url().optional(),
  /** An external PostgreSQL. When unset, an embedded PostgreSQL is started. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  /** Database connections of the web process's pool (requests; the worker has its own). @default 10 */
  DATABASE_POOL_MAX: positiveInt(10),
  /** Port of the embedded PostgreSQL. @default 5488 */
  EMBEDDED_POSTGRES_PORT: port(5488),
  /** Data directory of the embedded PostgreSQL. @default .data/postgres */
  EMBEDDED_POSTGRES_DIR: z.string().min(1).default(".data/postgres"),
  /** Secret that signs sessions (≥ 32 characters). `npm start` creates one in .data when unset. */
  BETTER_AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** Requests allowed to the auth API per client and window. @default 100 */
  AUTH_RATE_LIMIT_MAX: positiveInt(100),
  /** Sign-in and sign-up attempts allowed per client and window. @default 5 */
  AUTH_SIGN_IN_LIMIT: positiveInt(5),
  /** Length of the auth rate-limit window in seconds. @default 60 */
  AUTH_RATE_LIMIT_WINDOW: positiveInt(60),
  /**
   * Reverse proxies (addresses or CIDR ranges) whose `X-Forwarded-For` says who the client is. Without
   * any, the TCP peer is the client and the header is ignored (anyone can forge it). @default none
   */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .superRefine((entries, ctx) => {
      try {
        trustedProxies(entries);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
  /**
   * Who may create an account: `open` (anyone), `invite` (holders of an admin's invite link) or
   * `closed`. @default open until the first account exists, then invite
   */
  SIGNUP: z.enum(["open", "invite", "closed"]).optional(),
  /** Run the execution worker inside the web process (`false` when only `npm run worker` runs jobs). @default true */
  WORKER_IN_PROCESS: z
    .enum(["true", "false"])
    .default("true")
    .transform((value) => value === "true"),
  /**
   * Node executions one worker process runs at once. For CPU-light nodes more slots than the machine
   * serves add nothing (measured on 2 cores: 4 slots 244 nodes/s, 8 slots 235/s); raise it when nodes
   * mostly wait on I/O (slow warehouse queries, HTTP calls). @default 2 × CPU cores
   */
  WORKER_CONCURRENCY: positiveInt(Math.max(2, 2 * availableParallelism())),
  /**
   * Node slots of one worker process one user may hold at once; the others stay free for everyone
   * else, however many slow nodes (delays, long queries) one user starts. Unset, all slots but one.
   * @default WORKER_CONCURRENCY − 1 (at least 1)
   */
  NODE_SLOTS_PER_USER: wholeNumber().optional(),
  /** Default time limit of one node execution attempt, in milliseconds. @default 300000 */
  NODE_TIMEOUT_MS: positiveInt(300_000),
  /** The longest time limit a node's `config.timeoutMs` may ask for. @default 3600000 */
  NODE_TIMEOUT_MAX_MS: positiveInt(3_600_000),
  /** Runs in progress at once, per user (composition and workflow runs together). @default 20 */
  RUNS_PER_USER: positiveInt(20),
  /** Runs in progress at once, per composition. @default 10 */
  RUNS_PER_COMPOSITION: positiveInt(10),
  /** Active schedules per user. @default 50 */
  SCHEDULES_PER_USER: positiveInt(50),
  /** The shortest interval between two ticks of a schedule, in seconds. @default 60 */
  SCHEDULE_MIN_INTERVAL_SECONDS: positiveInt(60),
  /** First retry delay; each later retry waits twice as long. @default 1000 */
  RETRY_BASE_DELAY_MS: z.coerce.number({ error: "must be a whole number" }).int().min(0).default(1000),
  /** On shutdown, running nodes get this long to finish before they are handed back to the queue. @default 10000 */
  WORKER_SHUTDOWN_GRACE_MS: positiveInt(10_000),
  /** A running node whose worker has not beaten for this long is re-queued. @default 30000 */
  HEARTBEAT_TIMEOUT_MS: positiveInt(30_000),
  /** A schedule tick picked up later than this counts as missed (downtime): its missed-run policy decides. @default 60000 */
  SCHEDULE_MISFIRE_MS: positiveInt(60_000),
  /** Finished executions (with their results and logs) older than this many days are deleted daily. @default 90 */
  RETENTION_DAYS: positiveInt(90),
  /** `statement_timeout` of SQL templates, in milliseconds. @default 60000 */
  SQL_STATEMENT_TIMEOUT_MS: positiveInt(60_000),
  /** Rows a SQL template may return; more are cut off and the result is flagged truncated. @default 1000000 */
  SQL_MAX_ROWS: positiveInt(1_000_000),
  /**
   * Bytes of rows one query may read (previews, describes and runs, as the database sends them); past
   * it the result is cut off and flagged truncated, and a single row larger than twice it fails the
   * query, so no query can fill the process's memory. @default 67108864
   */
  RESULT_MAX_BYTES: positiveInt(64 * 1024 * 1024),
  /** Largest JSON result (transform, HTTP, echo) a node may keep, in bytes; past it the node fails. @default 16777216 */
  RESULT_MAX_JSON_BYTES: positiveInt(16 * 1024 * 1024),
  /** Hosts HTTP templates may reach even when they resolve to private or loopback addresses. */
  HTTP_ALLOWLIST: hostList(),
  /** Largest HTTP response body an HTTP template reads, in bytes. @default 10485760 */
  HTTP_MAX_RESPONSE_BYTES: positiveInt(10 * 1024 * 1024),
  /**
   * Key that encrypts data-source passwords at rest (AES-256-GCM; ≥ 32 characters, hashed to 256
   * bits). `npm start` creates one in .data when unset; `npm run secrets -- rotate` changes it.
   */
  QUERYFLOW_SECRET_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  /** The key before the last rotation, kept while processes restart: passwords sealed with it still open. */
  QUERYFLOW_PREVIOUS_SECRET_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  /**
   * Hosts data sources may point at (names or addresses, comma-separated). Unset, any host except
   * QueryFlow's own database server. @default any
   */
  DATA_SOURCE_HOSTS: hostList(),
  /** Connections each PostgreSQL data source's pool keeps open at most, per process. @default 3 */
  DATA_SOURCE_POOL_MAX: positiveInt(3),
  /** Where DuckDB data sources keep their database files. @default .data/duckdb */
  DUCKDB_DIR: z.string().min(1).default(".data/duckdb"),
  /** The largest file one upload into a DuckDB source may be, in bytes. @default 104857600 */
  DUCKDB_UPLOAD_MAX_BYTES: positiveInt(100 * 1024 * 1024),
  /** Rows one upload may load; a file with more is refused (a small compressed file can expand to millions). @default 10000000 */
  DUCKDB_UPLOAD_MAX_ROWS: positiveInt(10_000_000),
  /** How long one upload's process may read and write before it is killed, in milliseconds. @default 120000 */
  DUCKDB_UPLOAD_TIMEOUT_MS: positiveInt(120_000),
  /**
   * Queries (previews, describes, schema reads, connection tests) one user runs at once on one data
   * source, per web process; more wait behind their own, so one user never holds a source's whole
   * pool (DATA_SOURCE_POOL_MAX) against the others. @default 1
   */
  DATA_SOURCE_QUERIES_PER_USER: positiveInt(1),
  /** Data sources one user may have. @default 20 */
  DATA_SOURCES_PER_USER: positiveInt(20),
  /** API tokens one user may hold: enough for every script, few enough to review. @default 50 */
  TOKENS_PER_USER: positiveInt(50),
  /** Notification rules one user may have. @default 100 */
  NOTIFICATION_RULES_PER_USER: positiveInt(100),
  /** Webhook triggers one composition or workflow may have. @default 20 */
  WEBHOOKS_PER_TARGET: positiveInt(20),
  /** Calls one webhook trigger answers per minute (per web process); past it, 429 with Retry-After. @default 120 */
  WEBHOOK_RATE_LIMIT: positiveInt(120),
  /**
   * The SMTP server e-mail notifications go through, as a URL (`smtp://user:pass@host:587`,
   * `smtps://…` for TLS from the start). Unset, e-mail notifications cannot be chosen.
   */
  SMTP_URL: z.url().optional(),
  /** The sender of e-mail notifications. @default QueryFlow <queryflow@localhost> */
  SMTP_FROM: z.string().min(3).default("QueryFlow <queryflow@localhost>"),
  /**
   * Where tabular results are kept, as Parquet files: `postgres` (in QueryFlow's own database, so
   * every machine shares them with no other service) or `s3` (any S3-compatible storage). @default postgres
   */
  RESULTS_STORE: z.enum(["postgres", "s3"]).default("postgres"),
  /** The S3-compatible endpoint of the `s3` result store (`https://s3.eu-west-1.amazonaws.com`, `http://minio:9000`). */
  RESULTS_S3_URL: z.url().optional(),
  /** The bucket result files go in (`s3` store); it must exist. */
  RESULTS_S3_BUCKET: z.string().min(1).optional(),
  /** The region signed for (`s3` store). @default us-east-1 */
  RESULTS_S3_REGION: z.string().min(1).default("us-east-1"),
  /** Credentials of the `s3` store; unset, the AWS SDK's own chain (environment, profile, instance role). */
  RESULTS_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  RESULTS_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Where each process keeps local copies of result files it reads (DuckDB reads them there). @default .data/result-cache */
  RESULTS_CACHE_DIR: z.string().min(1).default(".data/result-cache"),
  /** The local copies' total size past which the least recently read are removed, in MB. @default 2048 */
  RESULTS_CACHE_MB: positiveInt(2048),
  /** Minimum level of log lines printed. @default info */
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export type Env = z.infer<typeof envSchema>;

/** Settings that only make sense together. */
function checkTogether(parsed: Env): string[] {
  if (parsed.RESULTS_STORE !== "s3") return [];
  return (["RESULTS_S3_URL", "RESULTS_S3_BUCKET"] as const)
    .filter((name) => !parsed[name])
    .map((name) => `${name}: must be set when RESULTS_STORE is s3`);
}

/** A bad environment variable; the message names it and is fit to print as the one start-up error. */
export class EnvError extends Error {
  override name = "EnvError";
}

/** Parses an environment; empty strings count as unset so `FOO= npm start` means the default. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(cleaned);
  const problems = result.success
    ? checkTogether(result.data)
    : result.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        const shown = name.includes("SECRET") || name === "DATABASE_URL" ? "" : ` (got "${cleaned[name]}")`;
        return `${name}: ${issue.message}${shown}`;
      });
  if (result.success && !problems.length) return result.data;
  throw new EnvError(`Invalid environment variable ${problems.join("; ")}`);
}

let cached: Env | undefined;

/** The process environment, parsed once. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The URL people open; APP_URL when set. */
export function appUrl(current: Env = env()): string {
  return current.APP_URL ?? `http://localhost:${current.PORT}`;
}
