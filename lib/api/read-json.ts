import { AppError } from "./errors";

/** Requests larger than this are refused with 413. @default 16 MiB */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** JSON nested deeper than this is refused: nothing legitimate needs it, and deep values hurt later. */
export const MAX_JSON_DEPTH = 64;

/** Depth of a parsed JSON value, without recursion (the value may be hostile). */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== "object") continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const child of Array.isArray(current) ? current : Object.values(current))
      stack.push([child, depth + 1]);
  }
  return deepest;
}

function tooLarge(): AppError {
  return new AppError({
    code: "payload_too_large",
    message: `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB.`,
  });
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

/** As readJson, but an empty body is `undefined` rather than an error. */
export async function readOptionalJson(req: Request, maxBytes: number = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(req.headers.get("content-length"));
  if (declared > maxBytes) throw tooLarge();
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
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
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
  if (jsonDepth(value) > MAX_JSON_DEPTH) {
    throw new AppError({
      code: "bad_request",
      message: `The JSON is nested more than ${MAX_JSON_DEPTH} levels deep.`,
    });
  }
  return value;
}
