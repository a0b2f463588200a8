import { lookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP } from "node:net";
import { ExpressionError, evaluateExpression } from "@/lib/sandbox/evaluate";
import type { OutputField } from "@/lib/value-types";
import { fieldsOf, toRows } from "../infer";
import { networkErrorInWords } from "./network-errors";
import { type Executor, ExecutorError, type ExecutorResult } from "./types";

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

/** `{{name}}` alone gives the parameter's value as is; inside text it is inserted (URL-encoded in URLs). */
function fill(
  template: unknown,
  params: Record<string, unknown>,
  encode: (text: string) => string = String,
): unknown {
  if (typeof template !== "string") return template;
  const whole = template.match(/^\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}$/);
  if (whole) return params[whole[1]!];
  return template.replace(/\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/g, (_, name: string) =>
    encode(String(params[name] ?? "")),
  );
}

const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]);

/**
 * Calls an HTTP endpoint. The host is resolved first and every address checked: internal ones are
 * refused unless HTTP_ALLOWLIST names the host, and the connection goes to the address that was
 * checked (no second lookup an attacker's DNS could answer differently). The body is capped.
 */
export const runHttp: Executor = async ({ params, definition, outputs, signal, env, log }) => {
  const method = String(fill(definition.method, params) ?? "GET").toUpperCase();
  if (!METHODS.has(method)) throw new ExecutorError(`Method "${method}" is not supported.`);
  const rawUrl = fill(definition.url, params, encodeURIComponent);
  let url: URL;
  try {
    url = new URL(String(rawUrl));
  } catch {
    throw new ExecutorError(`"${String(rawUrl)}" is not an absolute URL.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ExecutorError(`Only http and https URLs can be called, not ${url.protocol}`);
  }

  const host = url.hostname.replace(/^\[|\]$/g, "");
  const allowed = env.HTTP_ALLOWLIST.includes(host.toLowerCase());
  const addresses = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await lookup(host, { all: true }).catch((error: Error) => {
        throw new ExecutorError(networkErrorInWords(error, url));
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

  const headers: Record<string, string> = {};
  for (const source of [definition.headers, params.headers]) {
    if (source && typeof source === "object") {
      for (const [name, value] of Object.entries(source))
        headers[name.toLowerCase()] = String(fill(value, params));
    }
  }
  const rawBody = definition.body === undefined ? undefined : fill(definition.body, params);
  let body: string | undefined;
  if (rawBody !== undefined && rawBody !== null && !["GET", "HEAD"].includes(method)) {
    body = typeof rawBody === "string" ? rawBody : JSON.stringify(rawBody);
    headers["content-type"] ??= "application/json";
  }

  log("info", `${method} ${url.origin}${url.pathname}`, { address: target.address });
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
            if (size > env.HTTP_MAX_RESPONSE_BYTES) {
              request.destroy(
                new ExecutorError(`The response is larger than ${env.HTTP_MAX_RESPONSE_BYTES} bytes.`),
              );
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
    throw new ExecutorError(networkErrorInWords(error as Error, url));
  });

  const text = response.body.toString("utf8");
  let parsed: unknown = text;
  if (String(response.headers["content-type"] ?? "").includes("json")) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (response.status >= 400) log("warn", `answered ${response.status}`);
  const value = { status: response.status, headers: response.headers, body: parsed };
  if (typeof definition.rows !== "string") return { type: "json", value };
  if (response.status >= 400)
    throw new ExecutorError(`The server answered ${response.status}: ${text.slice(0, 300)}`);
  return responseAsRows(definition.rows, value, { outputs, signal, maxRows: env.SQL_MAX_ROWS });
};

/**
 * The rows a template's JSONata expression makes of a response (`status`, `headers`, `body`),
 * evaluated in the sandbox; the declared outputs are the columns (before any, the rows' fields).
 */
async function responseAsRows(
  expression: string,
  response: unknown,
  options: { outputs: OutputField[]; signal: AbortSignal; maxRows: number },
): Promise<ExecutorResult> {
  let value: unknown;
  try {
    value = await evaluateExpression(expression, response, options.signal);
  } catch (error) {
    if (error instanceof ExpressionError)
      throw new ExecutorError(`The rows expression failed: ${error.message}`);
    throw error;
  }
  const all = toRows(value);
  const rows = all.slice(0, options.maxRows);
  if (!options.outputs.length)
    return { type: "table", columns: fieldsOf(rows), rows, truncated: all.length > rows.length };
  const columns = options.outputs;
  return {
    type: "table",
    columns,
    rows: rows.map((row) => Object.fromEntries(columns.map(({ name }) => [name, row[name] ?? null]))),
    truncated: all.length > rows.length,
  };
}
