import { AppError } from "./errors";

/** Requests larger than this are refused with 413. @default 16 MiB */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** JSON nested deeper than this is refused: nothing legitimate needs it, and deep values hurt later. */
export const MAX_JSON_DEPTH = 64;

/** A string PostgreSQL cannot store: a NUL character, or half of a UTF-16 surrogate pair. */
export function unstorable(text: string): boolean {
  return text.includes("\u0000") || !text.isWellFormed();
}

/**
 * Walks a parsed JSON value without recursion (it may be hostile): its depth, and the path of the
 * first string or key PostgreSQL would refuse, if any.
 */
export function inspectJson(value: unknown): { depth: number; badStringAt?: string } {
  let deepest = 0;
  const stack: [unknown, number, string][] = [[value, 1, ""]];
  while (stack.length) {
    const [current, depth, at] = stack.pop()!;
    if (typeof current === "string") {
      if (unstorable(current)) return { depth: deepest, badStringAt: at || "(the body)" };
      continue;
    }
    if (current === null || typeof current !== "object") continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_JSON_DEPTH) return { depth: deepest };
    const entries = Array.isArray(current) ? current.entries() : Object.entries(current);
    for (const [key, child] of entries) {
      const path = at ? `${at}.${key}` : String(key);
      if (typeof key === "string" && unstorable(key)) return { depth: deepest, badStringAt: path };
      stack.push([child, depth + 1, path]);
    }
  }
  return { depth: deepest };
}

function tooLarge(maxBytes: number): AppError {
  const size = maxBytes >= 1024 * 1024 ? `${maxBytes / 1024 / 1024} MiB` : `${maxBytes / 1024} KiB`;
  return new AppError({ code: "payload_too_large", message: `The request body is larger than ${size}.` });
}

/**
 * Reads a JSON request body with a size cap, counting bytes as they arrive (a missing or lying
 * Content-Length changes nothing), and refuses bodies that are empty, not JSON, or nested too deeply.
 */
export async function readJson(req: Request, maxBytes: number = MAX_BODY_BYTES): Promise<unknown> {
  const value = await readOptionalJson(req, maxBytes);
  if (value === undefined)
    throw new AppError({ code: "bad_request", message: "The request body is empty: send JSON." });
  return value;
}

/** The request body as text, with a size cap counted as bytes arrive (a lying Content-Length changes nothing). */
export async function readBodyText(req: Request, maxBytes: number = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers.get("content-length"));
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** As readJson, but an empty body is `undefined` rather than an error. */
export async function readOptionalJson(req: Request, maxBytes: number = MAX_BODY_BYTES): Promise<unknown> {
  return parseJsonBody(await readBodyText(req, maxBytes));
}

/** JSON text as a request body (undefined when blank): 400 when not JSON, nested too deep, or unstorable. */
export function parseJsonBody(text: string): unknown {
  if (!text.trim()) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AppError({
      code: "bad_request",
      message: `The request body is not valid JSON: ${(error as Error).message}`,
    });
  }
  const { depth, badStringAt } = inspectJson(value);
  if (depth > MAX_JSON_DEPTH) {
    throw new AppError({
      code: "bad_request",
      message: `The JSON is nested more than ${MAX_JSON_DEPTH} levels deep.`,
    });
  }
  if (badStringAt) {
    throw new AppError({
      code: "bad_request",
      message: `Invalid request. ${badStringAt}: contains a NUL character or a lone UTF-16 surrogate, which cannot be stored.`,
      issues: [{ code: "invalid_string", message: "cannot be stored", path: badStringAt.split(".") }],
    });
  }
  return value;
}
