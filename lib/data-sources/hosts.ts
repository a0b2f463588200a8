import { lookup } from "node:dns/promises";
import { networkInterfaces } from "node:os";
import ipaddr from "ipaddr.js";
import { AppError } from "@/lib/api/errors";
import type { Env } from "@/lib/env";

/** An address in one spelling: IPv4-mapped IPv6 as IPv4, IPv6 in full (`::ffff:7f00:1` → `127.0.0.1`). */
function canonical(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (!ipaddr.isValid(address)) return null;
  const parsed = ipaddr.parse(address);
  return parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
    ? (parsed as ipaddr.IPv6).toIPv4Address()
    : parsed;
}

/** This machine's own addresses: loopback, "any" (0.0.0.0, ::, which connect here) and every interface's. */
function isThisMachine(address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  if (["loopback", "unspecified"].includes(address.range())) return true;
  const text = address.toNormalizedString();
  return Object.values(networkInterfaces())
    .flat()
    .some((entry) => entry && canonical(entry.address)?.toNormalizedString() === text);
}

/** What a host name resolves to, as the connection would resolve it (so `0`, `127.1` and `0x7f000001` too). */
async function addressesOf(host: string): Promise<(ipaddr.IPv4 | ipaddr.IPv6)[]> {
  try {
    const entries = await lookup(host.replace(/^\[(.*)\]$/, "$1"), { all: true });
    return entries.map((entry) => canonical(entry.address)).filter((address) => address !== null);
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
 * database server: compared by resolved address, not by spelling — any address of this machine
 * (loopback, 0.0.0.0, ::, an interface's, in IPv4 or IPv4-mapped IPv6 form) when QueryFlow's database
 * is on this machine, else its server's addresses. Checked on save and again before every
 * connection, so a name re-pointed later is caught too. Answers the addresses the name resolves to:
 * the connection goes to the first of them, the one that was checked, so a name that resolves
 * differently a moment later (DNS rebinding) cannot reach what the check refused.
 */
export async function assertHostAllowed(
  connection: { host: string; port: number },
  env: Env,
): Promise<string[]> {
  const host = connection.host.toLowerCase();
  if (env.DATA_SOURCE_HOSTS.length && !env.DATA_SOURCE_HOSTS.includes(host)) {
    throw new AppError({
      code: "unprocessable_entity",
      message: `Data sources may not point at ${connection.host}: the operator allows only ${env.DATA_SOURCE_HOSTS.join(", ")} (DATA_SOURCE_HOSTS).`,
      issues: [{ path: ["connection", "host"], message: "is not an allowed host" }],
    });
  }
  const own = ownDatabase(env);
  const theirs = await addressesOf(host);
  const addresses = theirs.map((address) => address.toString());
  if (connection.port !== own.port) return addresses;
  const ours = await addressesOf(own.host);
  const oursHere = ours.some(isThisMachine);
  const same = theirs.some(
    (address) =>
      ours.some((own) => own.toNormalizedString() === address.toNormalizedString()) ||
      (oursHere && isThisMachine(address)),
  );
  if (same || host === own.host.toLowerCase()) {
    throw new AppError({
      code: "unprocessable_entity",
      message: `${connection.host}:${connection.port} is QueryFlow's own database, which cannot be a data source.`,
      issues: [{ path: ["connection", "host"], message: "is QueryFlow's own database" }],
    });
  }
  return addresses;
}
