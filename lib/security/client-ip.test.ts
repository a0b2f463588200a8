import { describe, expect, it } from "vitest";
import { clientIp, trustedProxies } from "@/lib/security/client-ip";

describe("clientIp", () => {
  const none = trustedProxies([]);
  const proxies = trustedProxies(["10.0.0.0/8", "192.168.1.5", "fd00::/8"]);

  it.each([
    ["no trusted proxies: a forged header is ignored", "203.0.113.9", "1.2.3.4", none, "203.0.113.9"],
    ["an untrusted peer's header is ignored", "203.0.113.9", "1.2.3.4", proxies, "203.0.113.9"],
    ["a trusted proxy's client", "10.1.2.3", "198.51.100.7", proxies, "198.51.100.7"],
    [
      "prepended forgeries before the proxy's entry are skipped",
      "10.1.2.3",
      "6.6.6.6, 198.51.100.7",
      proxies,
      "198.51.100.7",
    ],
    ["a chain of trusted proxies", "192.168.1.5", "198.51.100.7, 10.9.9.9", proxies, "198.51.100.7"],
    ["an IPv4-mapped peer", "::ffff:10.1.2.3", "198.51.100.7", proxies, "198.51.100.7"],
    ["an IPv6 proxy", "fd12::1", "2001:db8::7", proxies, "2001:db8::7"],
    ["garbage in the header", "10.1.2.3", "not-an-ip", proxies, "10.1.2.3"],
    ["no header", "10.1.2.3", undefined, proxies, "10.1.2.3"],
  ])("%s", (_name, socket, header, list, expected) => {
    expect(clientIp(socket, header, list)).toBe(expected);
  });

  it("refuses an entry that is not an address or range", () => {
    expect(() => trustedProxies(["10.0.0.0/8", "proxy.local"])).toThrow(
      '"proxy.local" is not an IP address or CIDR range',
    );
  });
});
