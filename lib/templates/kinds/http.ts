import { ExpressionError, evaluateExpression } from "@/lib/sandbox/evaluate";
import type { OutputField } from "@/lib/value-types";
import { openHeaderValue } from "../header-secrets";
import { fieldsOf, toRows } from "../infer";
import { guardedRequest } from "./guarded-http";
import { type Executor, ExecutorError, type ExecutorResult } from "./types";

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
 * Calls an HTTP endpoint through the guard (guarded-http.ts: internal addresses refused unless
 * HTTP_ALLOWLIST names the host, the checked address called, the body capped).
 */
export const runHttp: Executor = async ({ params, definition, outputs, signal, env, log }) => {
  const method = String(fill(definition.method, params) ?? "GET").toUpperCase();
  if (!METHODS.has(method)) throw new ExecutorError(`Method "${method}" is not supported.`);
  const url = String(fill(definition.url, params, encodeURIComponent));
  const headers: Record<string, string> = {};
  // The template's own header values may be sealed (header-secrets.ts); a parameter's never are.
  for (const [name, value] of Object.entries((definition.headers ?? {}) as Record<string, string>))
    headers[name.toLowerCase()] = String(fill(openHeaderValue(value, env), params));
  if (params.headers && typeof params.headers === "object")
    for (const [name, value] of Object.entries(params.headers))
      headers[name.toLowerCase()] = String(fill(value, params));
  const rawBody = definition.body === undefined ? undefined : fill(definition.body, params);
  let body: string | undefined;
  if (rawBody !== undefined && rawBody !== null && !["GET", "HEAD"].includes(method)) {
    body = typeof rawBody === "string" ? rawBody : JSON.stringify(rawBody);
    headers["content-type"] ??= "application/json";
  }

  const response = await guardedRequest(
    url,
    { method, headers, body },
    { allowlist: env.HTTP_ALLOWLIST, maxBytes: env.HTTP_MAX_RESPONSE_BYTES, signal },
  );
  const called = new URL(url);
  log("info", `${method} ${called.origin}${called.pathname}`, { address: response.address });
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
    throw new ExecutorError(`The server answered ${response.status}: ${text.slice(0, 300)}`, {
      // The server may be better in a moment; a 404 or a 401 would answer the same again.
      transient: response.status >= 500 || response.status === 408 || response.status === 429,
    });
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
