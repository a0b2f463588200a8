import { lookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP } from "node:net";
import { networkErrorInWords } from "./network-errors";
import { ExecutorError } from "./types";

// The one way QueryFlow calls a URL someone gave it (HTTP templates, webhook notifications): the
// host is resolved first and every address checked — internal ones are refused unless the allowlist
// names the host — and the connection goes to the address that was checked (no second lookup an
// attacker's DNS could answer differently). The response body is capped.

/** Loopback, private, link-local (cloud metadata), carrier-grade NAT, multicast and reserved ranges. */
const internal = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  internal.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["64:ff9b::", 96],
] as const) {
  internal.addSubnet(network, prefix, "ipv6");
}

/** Whether an address is one HTTP templates must not reach (IPv4-mapped IPv6 checked as IPv4). */
export function isInternalAddress(address: string): boolean {
  const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  if (mapped) return internal.check(mapped[1]!, "ipv4");
  const family = isIP(address);
  return family === 4
    ? internal.check(address, "ipv4")
    : family === 6
      ? internal.check(address, "ipv6")
      : true;
}

export interface GuardedResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The address that was called. */
  address: string;
}

/** Calls `rawUrl` (http or https only) through the guard; failures are ExecutorErrors in words. */
export async function guardedRequest(
  rawUrl: string,
  request: { method: string; headers: Record<string, string>; body?: string },
  options: { allowlist: readonly string[]; maxBytes: number; signal: AbortSignal },
): Promise<GuardedResponse> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new ExecutorError(`"${rawUrl}" is not an absolute URL.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ExecutorError(`Only http and https URLs can be called, not ${url.protocol}`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const allowed = options.allowlist.includes(host.toLowerCase());
  const addresses = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await lookup(host, { all: true }).catch((error: Error) => {
        throw new ExecutorError(networkErrorInWords(error, url), { transient: true });
      });
  if (!allowed) {
    const blocked = addresses.find(({ address }) => isInternalAddress(address));
    if (blocked) {
      throw new ExecutorError(
        `Refused to call ${host}: it resolves to ${blocked.address}, an internal address. An administrator can allow the host with HTTP_ALLOWLIST.`,
      );
    }
  }
  const target = addresses[0]!;

  const { method, headers, body } = request;
  const { signal } = options;
  const response = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      const request = (url.protocol === "https:" ? https : http).request(
        url,
        {
          method,
          headers,
          signal,
          // Always the address checked above; Node asks for a list when it tries several families.
          lookup: ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) =>
            options.all
              ? callback(null, [{ address: target.address, family: target.family }])
              : callback(null, target.address, target.family)) as never,
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          let size = 0;
          incoming.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > options.maxBytes) {
              request.destroy(new ExecutorError(`The response is larger than ${options.maxBytes} bytes.`));
              return;
            }
            chunks.push(chunk);
          });
          incoming.on("end", () =>
            resolve({
              status: incoming.statusCode ?? 0,
              headers: incoming.headers,
              body: Buffer.concat(chunks),
            }),
          );
          incoming.on("error", reject);
        },
      );
      request.on("error", reject);
      request.end(body);
    },
  ).catch((error) => {
    signal.throwIfAborted();
    if (error instanceof ExecutorError) throw error;
    throw new ExecutorError(networkErrorInWords(error as Error, url), { transient: true });
  });

  return { ...response, address: target.address };
}
