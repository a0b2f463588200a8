import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { AppError } from "@/lib/api/errors";
import type { Env } from "@/lib/env";

const isLoopback = (address: string) =>
  address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");

async function addressesOf(host: string): Promise<string[]> {
  if (isIP(host)) return [host];
  try {
    return (await lookup(host, { all: true })).map((entry) => entry.address);
  } catch {
    return []; // a name that does not resolve fails at connect time, with the driver's message
  }
}

/** Where QueryFlow's own database listens: a source may not point there. */
function ownDatabase(env: Env): { host: string; port: number } {
  if (env.DATABASE_URL) {
    const url = new URL(env.DATABASE_URL);
    return { host: url.hostname, port: Number(url.port || 5432) };
  }
  return { host: "127.0.0.1", port: env.EMBEDDED_POSTGRES_PORT };
}

/**
 * Refuses a host the operator did not allow (DATA_SOURCE_HOSTS, when set) and QueryFlow's own
 * database server (by name, or by any address its name resolves to), checked on save and again
 * before every connection, so a name re-pointed later is caught too.
 */
export async function assertHostAllowed(connection: { host: string; port: number }, env: Env): Promise<void> {
  const host = connection.host.toLowerCase();
  if (env.DATA_SOURCE_HOSTS.length && !env.DATA_SOURCE_HOSTS.includes(host)) {
    throw new AppError({
      code: "unprocessable_entity",
      message: `Data sources may not point at ${connection.host}: the operator allows only ${env.DATA_SOURCE_HOSTS.join(", ")} (DATA_SOURCE_HOSTS).`,
      issues: [{ path: ["connection", "host"], message: "is not an allowed host" }],
    });
  }
  const own = ownDatabase(env);
  if (connection.port !== own.port) return;
  const [theirs, ours] = await Promise.all([addressesOf(host), addressesOf(own.host)]);
  const same = theirs.some(
    (address) => ours.includes(address) || (isLoopback(address) && ours.some(isLoopback)),
  );
  if (same || host === own.host.toLowerCase()) {
    throw new AppError({
      code: "unprocessable_entity",
      message: `${connection.host}:${connection.port} is QueryFlow's own database, which cannot be a data source.`,
      issues: [{ path: ["connection", "host"], message: "is QueryFlow's own database" }],
    });
  }
}
