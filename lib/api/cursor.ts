import { z } from "zod";
import { AppError } from "./errors";

/**
 * A keyset page cursor: the sort key of a page's last item and its id (which breaks ties, so no
 * item is skipped or repeated between pages). Opaque to clients.
 */
export interface Cursor {
  key: string;
  id: string;
}

export const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString("base64url");

const foreign = () =>
  new AppError({ code: "bad_request", message: "The cursor is not one this API gave out." });

export function decodeCursor(raw: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (typeof value?.key === "string" && typeof value?.id === "string") return value;
  } catch {}
  throw foreign();
}

/** A cursor whose key is an instant (a timestamp sort). */
export function decodeInstantCursor(raw: string): { at: Date; id: string } {
  const { key, id } = decodeCursor(raw);
  const at = new Date(key);
  if (Number.isNaN(at.getTime())) throw foreign();
  return { at, id };
}

/** A query parameter holding an instant cursor, parsed to it; anything else is an issue naming it. */
export const instantCursorSchema = z
  .string()
  .max(500)
  .transform((raw, context) => {
    try {
      return decodeInstantCursor(raw);
    } catch {
      context.addIssue({ code: "custom", message: "Not a cursor this API gave out." });
      return z.NEVER;
    }
  });
