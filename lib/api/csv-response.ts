import { z } from "zod";
import { AppError } from "./errors";

/** The query of a CSV download: `bom=1` for "CSV for Excel". */
export const csvQuerySchema = z.object({ bom: z.enum(["0", "1"]).default("0") });

/** UTF-8's byte order mark: Excel reads a CSV as UTF-8 only when it starts with one. */
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

/**
 * A streamed CSV download named `filename`; with `?bom=1` on the request ("CSV for Excel") it starts
 * with the UTF-8 byte order mark, so Excel shows "Übersicht" and "€" rather than mojibake.
 */
export function csvResponse(
  stream: ReadableStream<Uint8Array>,
  filename: string,
  request: Request,
): Response {
  const query = csvQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success)
    throw new AppError({
      code: "bad_request",
      message: "bom is 1 (CSV for Excel) or 0.",
      issues: [{ path: ["bom"], message: "must be 0 or 1" }],
    });
  const forExcel = query.data.bom === "1";
  // A stream that starts with the mark, then passes the CSV through as it comes.
  const body = forExcel
    ? stream.pipeThrough(new TransformStream({ start: (controller) => controller.enqueue(BOM) }))
    : stream;
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9_.-]/g, "_")}"`,
    },
  });
}
