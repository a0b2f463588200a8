import { BlockList, isIP } from "node:net";

/** The request header through which the app's own server passes the client address it resolved. */
export const CLIENT_IP_HEADER = "x-queryflow-client-ip";

/**
 * Parses `TRUSTED_PROXIES` (addresses and CIDR ranges, comma-separated) into a matcher, or throws
 * naming the entry that is neither.
 */
export function trustedProxies(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", prefix] = entry.split("/");
    const family = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (!isIP(address) || (prefix !== undefined && !/^\d{1,3}$/.test(prefix)))
      throw new Error(`"${entry}" is not an IP address or CIDR range`);
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

function isTrusted(list: BlockList, address: string): boolean {
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  const family = isIP(plain);
  return family !== 0 && list.check(plain, family === 6 ? "ipv6" : "ipv4");
}

/**
 * The address a request came from, for rate limits. The TCP peer counts, unless it is a trusted
 * proxy: then `X-Forwarded-For` is read from the right, past every trusted proxy, to the first
 * address no trusted proxy vouches for. A client can prepend anything to that header, so without
 * trusted proxies it is never read at all.
 */
export function clientIp(
  socketAddress: string,
  forwardedFor: string | undefined,
  proxies: BlockList,
): string {
  if (!forwardedFor || !isTrusted(proxies, socketAddress)) return socketAddress;
  const hops = forwardedFor
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!isIP(hops[i]!)) return socketAddress;
    if (!isTrusted(proxies, hops[i]!)) return hops[i]!;
  }
  return hops[0] ?? socketAddress;
}
