/** Prisma codes that mean the database could not be reached or had no connection free in time. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
/** Driver-adapter error kinds of the same. */
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);
/** Node socket errors and PostgreSQL SQLSTATEs of a server that is going, gone or not yet back. */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "08000",
  "08003",
  "08006",
  "53300", // too_many_connections
]);
const CONNECTION_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|terminating connection due to|the database system is (starting up|shutting down)/;

type Inspectable = {
  name?: string;
  code?: string;
  message?: string;
  meta?: { driverAdapterError?: { cause?: { kind?: string; code?: string } } };
  cause?: unknown;
};

/**
 * Whether an error means the database is unavailable (down, restarting, unreachable, or out of
 * connections) rather than that the request was wrong: such a request can succeed if retried. Follows
 * `cause` chains, since drivers wrap one another's errors.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error as Inspectable | undefined, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== "object") return false;
    if (current.name === "PrismaClientInitializationError") return true;
    if (current.code && (PRISMA_CODES.has(current.code) || CONNECTION_CODES.has(current.code))) return true;
    const adapterCause = current.meta?.driverAdapterError?.cause;
    if (adapterCause?.kind && ADAPTER_KINDS.has(adapterCause.kind)) return true;
    if (adapterCause?.code && CONNECTION_CODES.has(adapterCause.code)) return true;
    if (current.message && CONNECTION_MESSAGES.test(current.message)) return true;
    current = current.cause as Inspectable | undefined;
  }
  return false;
}
