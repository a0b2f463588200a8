import { type ZodType, z } from "zod";
import type { Operation } from "@/lib/api/contract";
import { errorCodes } from "@/lib/api/errors";
import { uploadOptionsSchema } from "@/lib/data-sources/schema";
import { allOperations } from "./operations";

// The OpenAPI 3.1 document, generated from the operations the routes serve (lib/*/api.ts).

const errorSchema = z.object({
  error: z
    .object({
      code: z.enum(errorCodes),
      message: z.string(),
      issues: z.array(z.object({ code: z.string().optional(), message: z.string() }).loose()).optional(),
    })
    // Some errors carry more: a conflict's currentVersion, the line a database pointed at.
    .loose(),
});

const json = (schema: ZodType, io: "input" | "output") => ({
  "application/json": { schema: z.toJSONSchema(schema, { io, unrepresentable: "any" }) },
});

const uploadContent = {
  "multipart/form-data": {
    schema: {
      type: "object",
      properties: {
        file: { type: "string", format: "binary" },
        ...(z.toJSONSchema(uploadOptionsSchema, { io: "input" }).properties ?? {}),
      },
      required: ["file"],
    },
  },
};

/** A stable operation id from the verb and the path: POST /api/compositions/{id}/executions → postCompositionsByIdExecutions. */
function operationId(verb: string, path: string): string {
  const words = path
    .replace(/^\/api\//, "")
    .split(/[/.-]/)
    .filter(Boolean)
    .map((part) => (part.startsWith("{") ? `By${part.slice(1, -1)}` : part));
  return verb + words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join("");
}

function operationObject(op: Operation) {
  const verb = op.method.toLowerCase();
  const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  const parameters = [
    ...pathParams.map((name) => ({ name, in: "path", required: true, schema: { type: "string" } })),
    ...Object.entries(op.query?.shape ?? {}).map(([name, schema]) => ({
      name,
      in: "query",
      required: false,
      schema: z.toJSONSchema(schema as ZodType, { io: "input", unrepresentable: "any" }),
    })),
  ];
  const open = op.access === "public";
  const success = op.produces
    ? { description: "OK", content: { [op.produces]: { schema: { type: "string" } } } }
    : op.response
      ? { description: "OK", content: json(op.response, "output") }
      : { description: "No content" };
  return {
    operationId: operationId(verb, op.path),
    summary: op.summary,
    ...(open ? { security: [] } : op.access === "session" ? { security: [{ session: [] }] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body ? { requestBody: { required: !op.bodyOptional, content: json(op.body, "input") } } : {}),
    ...(op.upload ? { requestBody: { required: true, content: uploadContent } } : {}),
    responses: {
      [op.status]: success,
      ...Object.fromEntries(
        // Any call with a session or a token may be refused: 401 without one, 403 past a token's scope.
        [...new Set([...(open ? [] : [401, 403]), ...op.errors])].map((code) => [
          code,
          { description: "Error", content: json(errorSchema, "output") },
        ]),
      ),
    },
  };
}

/** The operations grouped by path, each under its lower-case verb. */
function paths(operations: Operation[]) {
  const byPath: Record<string, Record<string, ReturnType<typeof operationObject>>> = {};
  for (const op of operations) {
    byPath[op.path] = { ...byPath[op.path], [op.method.toLowerCase()]: operationObject(op) };
  }
  return byPath;
}

/** The OpenAPI 3.1 document of the API, generated from the zod schemas the handlers use. */
export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "QueryFlow API",
      version: "1",
      description:
        "Sign in with POST /api/auth/sign-in/email; the session cookie it sets authorises every other call. Or send a personal API token (made on the account page) as `Authorization: Bearer qf_…`: it acts as its user, cut to its scopes — read (GET), run (also start, cancel and retry runs), write (everything; write includes run, run includes read). Tokens cannot manage tokens. Past a limit on runs at once the answer is 429 with Retry-After (waiting helps); past a limit on how many of a thing you hold (schedules, data sources, tokens, rules, webhooks) it is 409 (remove one first). A node whose worker is lost is retried after the same backoff as a failed attempt.",
      // No licence is granted yet (package.json: private); SPDX "LicenseRef-" names a non-listed one.
      license: { name: "UNLICENSED", identifier: "LicenseRef-UNLICENSED" },
    },
    // Relative: the document describes the server that serves it.
    servers: [{ url: "/", description: "This QueryFlow" }],
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "better-auth.session_token" },
        token: { type: "http", scheme: "bearer", bearerFormat: "qf_…", description: "A personal API token." },
      },
    },
    security: [{ session: [] }, { token: [] }],
    paths: paths(allOperations.filter((op) => !op.undocumented)),
  };
}
