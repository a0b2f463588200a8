import "server-only";
import { type NextRequest, NextResponse } from "next/server";
import type { ZodType, z } from "zod";
import {
  type BodyOf,
  HTTP_METHODS,
  type HttpMethod,
  type Operation,
  type ParamsOf,
  type QueryOf,
} from "@/lib/api/contract";
import { errorResponse } from "@/lib/api/error-response";
import { AppError } from "@/lib/api/errors";
import { otherMethods } from "@/lib/api/methods";
import { readJson, readOptionalJson, unstorable } from "@/lib/api/read-json";
import { assertSameOriginWrite } from "@/lib/api/request-guard";
import { scopeAllows, type TokenScope } from "@/lib/api/scopes";
import { db } from "@/lib/db/client";
import { appUrl } from "@/lib/env";
import { getSessionUser } from "./session";
import { userForToken } from "./tokens";
import type { SessionUser } from "./user";

// Serving an operation of a contract (lib/api/contract.ts): the route file says which function
// answers it, handle() does the rest the operation states — who may call, what the request must
// be, what the answer's status is.

type RouteContext<O extends Operation> = { params: Promise<ParamsOf<O>> };
/** A route's handler of one verb, carrying the operation it serves (the contract test reads it). */
export type Handled<O extends Operation = Operation> = ((
  req: NextRequest,
  context: RouteContext<O>,
) => Promise<Response>) & { operation: O };

/**
 * What a handler answers: the operation's JSON (sent with its status), or a Response of its own (CSV,
 * headers). Without a response schema, whatever it returns is dropped (a 204) unless it is a Response.
 */
type Answer<O extends Operation> = O["response"] extends ZodType
  ? z.input<O["response"]> | Response
  : unknown;

const READS = new Set(["GET", "HEAD"]);

/** The user of an `Authorization: Bearer qf_…` header, when the token is good and its scopes allow `needed`. */
async function tokenUser(authorization: string, needed: TokenScope, op: Operation) {
  if (op.access === "session")
    throw new AppError({
      code: "forbidden",
      message: "API tokens cannot manage API tokens: sign in to do that.",
    });
  const secret = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  const found = secret ? await userForToken(db(), secret) : null;
  if (!found) {
    throw new AppError({
      code: "unauthorized",
      message:
        "The API token is not valid: it was revoked, has expired or is mistyped (send Authorization: Bearer qf_…).",
    });
  }
  if (!scopeAllows(found.scopes, needed)) {
    throw new AppError({
      code: "forbidden",
      message: `This API token may ${found.scopes.join(", ")}; this request needs the "${needed}" scope.`,
    });
  }
  return found;
}

/** 400 for a path segment or query value that no lookup could match (a NUL byte, a lone surrogate). */
function assertStorableInputs(req: NextRequest, params: object): void {
  const values = [
    ...req.nextUrl.searchParams.entries(),
    ...Object.entries(params).map(([key, value]) => [key, String(value)]),
  ];
  const bad = values.find(([, value]) => unstorable(String(value)));
  if (bad) {
    throw new AppError({
      code: "bad_request",
      message: `Invalid request. ${bad[0]}: contains a NUL character or a lone UTF-16 surrogate.`,
    });
  }
}

/** The path parameters; a route without any gets no params object from Next.js. */
const paramsOf = async <O extends Operation>(context: RouteContext<O> | undefined) =>
  ((await context?.params) ?? {}) as ParamsOf<O>;

async function readBody(req: NextRequest, op: Operation): Promise<unknown> {
  if (!op.body || op.upload) return undefined;
  return op.body.parse(op.bodyOptional ? ((await readOptionalJson(req)) ?? {}) : await readJson(req));
}

function answer(op: Operation, value: unknown): Response {
  if (value instanceof Response) return value;
  if (op.response === null) return new NextResponse(null, { status: op.status });
  return NextResponse.json(value, { status: op.status });
}

/**
 * Serves a signed-in operation: refuses cross-site writes (see assertSameOriginWrite), takes a
 * session or an API token whose scopes allow it (401/403 in the error envelope), parses the path,
 * query and body with the operation's schemas, and answers the handler's value with the
 * operation's status — anything thrown becomes the one error envelope.
 */
export function handle<const O extends Operation & { access?: "session" }>(
  op: O,
  handler: (context: {
    req: NextRequest;
    user: SessionUser;
    params: ParamsOf<O>;
    query: QueryOf<O>;
    body: BodyOf<O>;
    /** 403 when the request came with an API token whose scopes do not allow `needed` (a session may). */
    requireScope: (needed: TokenScope, why: string) => void;
  }) => Promise<Answer<O>>,
): Handled<O> {
  const served = async (req: NextRequest, context: RouteContext<O>): Promise<Response> => {
    try {
      assertSameOriginWrite(req, new URL(appUrl()).origin, op.upload ? ["multipart/form-data"] : []);
      const authorization = req.headers.get("authorization");
      const needed = op.scope ?? (READS.has(req.method) ? "read" : "write");
      const token = authorization === null ? null : await tokenUser(authorization, needed, op);
      const user = token ? token.user : await getSessionUser(req.headers);
      if (!user) throw new AppError({ code: "unauthorized", message: "Sign in to use the API." });
      const params = await paramsOf(context);
      assertStorableInputs(req, params);
      const query = op.query?.parse(Object.fromEntries(req.nextUrl.searchParams)) as QueryOf<O>;
      const body = (await readBody(req, op)) as BodyOf<O>;
      const requireScope = (scope: TokenScope, why: string) => {
        if (token && !scopeAllows(token.scopes, scope))
          throw new AppError({
            code: "forbidden",
            message: `This API token may ${token.scopes.join(", ")}; ${why} needs the "${scope}" scope.`,
          });
      };
      return answer(op, await handler({ req, user, params, query, body, requireScope }));
    } catch (error) {
      return errorResponse(error);
    }
  };
  return Object.assign(served, { operation: op });
}

/**
 * Serves an operation anyone may call (`access: "public"`: a webhook, the health check): no session
 * is read and no same-origin check is made — other sites call it by design; the handler reads the body.
 */
export function handlePublic<const O extends Operation & { access: "public" }>(
  op: O,
  handler: (context: { req: NextRequest; params: ParamsOf<O> }) => Promise<Answer<O>>,
): Handled<O> {
  const served = async (req: NextRequest, context: RouteContext<O>): Promise<Response> => {
    try {
      return answer(op, await handler({ req, params: await paramsOf(context) }));
    } catch (error) {
      return errorResponse(error);
    }
  };
  return Object.assign(served, { operation: op });
}

/**
 * A route file's exports: each handled operation under its verb, and 405 for every other verb.
 * `export const { GET, POST, PUT, PATCH, DELETE } = route(handle(api.list, …), handle(api.create, …));`
 */
export function route(...handlers: Handled[]) {
  const paths = new Set(handlers.map((handler) => handler.operation.path));
  if (paths.size !== 1) throw new Error(`One route serves one path, not ${[...paths].join(", ")}.`);
  const served = Object.fromEntries(handlers.map((handler) => [handler.operation.method, handler]));
  const allowed = HTTP_METHODS.filter((method) => method in served);
  return { ...otherMethods(...allowed), ...served } as Record<
    HttpMethod,
    Handled | ((req: Request) => Response)
  >;
}
