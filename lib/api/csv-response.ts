import { z } from "zod";

/** The query of a CSV download: `bom=1` for "CSV for Excel". */
export const csvQuerySchema = z.object({
  bom: z.enum(["0", "1"], { error: "must be 0 or 1 (1: CSV for Excel)" }).default("0"),
});

/** UTF-8's byte order mark: Excel reads a CSV as UTF-8 only when it starts with one. */
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

/**
 * A streamed CSV download named `filename`; for Excel ("CSV for Excel", `?bom=1`) it starts with the
 * UTF-8 byte order mark, so Excel shows "Übersicht" and "€" rather than mojibake.
 */
export function csvResponse(
  stream: ReadableStream<Uint8Array>,
  filename: string,
  { bom }: z.output<typeof csvQuerySchema>,
): Response {
  // A stream that starts with the mark, then passes the CSV through as it comes.
  const body =
    bom === "1"
      ? stream.pipeThrough(new TransformStream({ start: (controller) => controller.enqueue(BOM) }))
      : stream;
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9_.-]/g, "_")}"`,
    },
  });
}
