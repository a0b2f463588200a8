import { operation } from "@/lib/api/contract";
import { csvQuerySchema } from "@/lib/api/csv-response";
import { resultPageSchema } from "./responses";
import { resultPageQuerySchema } from "./schema";

/**
 * The two ways to read a stored result under `path`: a page (`…/result`) and the whole as CSV
 * (`…/result.csv`). A node's result and a workflow run's are read alike, so they share these.
 */
export const resultOperations = <const Path extends string>(path: Path, owner: string) => ({
  result: operation({
    method: "GET",
    path: `${path}/result` as const,
    summary: `A page of a ${owner}'s result`,
    query: resultPageQuerySchema,
    response: resultPageSchema,
    status: 200,
    errors: [400, 404],
  }),
  resultCsv: operation({
    method: "GET",
    path: `${path}/result.csv` as const,
    summary: `A ${owner}'s whole result as CSV (streamed); bom=1 starts it with UTF-8's byte order mark, for Excel`,
    query: csvQuerySchema,
    response: null,
    produces: "text/csv",
    status: 200,
    errors: [400, 404],
  }),
});
