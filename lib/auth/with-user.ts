import "server-only";
import type { NextRequest } from "next/server";
import { errorResponse } from "@/lib/api/error-response";
import { AppError } from "@/lib/api/errors";
import { unstorable } from "@/lib/api/read-json";
import { assertSameOriginWrite } from "@/lib/api/request-guard";
import { db } from "@/lib/db/client";
import { appUrl } from "@/lib/env";
import { getSessionUser, type SessionUser } from "./session";
import { scopeAllows, type TokenScope } from "./token-schema";
import { userForToken } from "./tokens";

type RouteContext<Params> = { params: Promise<Params> };

const READS = new Set(["GET", "HEAD"]);

/** The user of an `Authorization: Bearer qf_…` header, when the token is good and its scopes allow `needed`. */
async function tokenUser(authorization: string, needed: TokenScope, options: { tokens?: false }) {
  if (options.tokens === false)
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
function assertStorableInputs(req: NextRequest, params: unknown): void {
  const values = [
    ...req.nextUrl.searchParams.entries(),
    ...Object.entries((params ?? {}) as Record<string, unknown>).map(([key, value]) => [key, String(value)]),
  ];
  const bad = values.find(([, value]) => unstorable(String(value)));
  if (bad) {
    throw new AppError({
      code: "bad_request",
      message: `Invalid request. ${bad[0]}: contains a NUL character or a lone UTF-16 surrogate.`,
    });
  }
}

/**
 * Wraps a route handler: refuses cross-site writes (see assertSameOriginWrite), loads the session (401 in the error envelope when there is none), awaits
 * the route params, and turns anything thrown into the one error envelope.
 */
export function withUser<Params = Record<string, string>>(
  handler: (context: {
    req: NextRequest;
    user: SessionUser;
    params: Params;
    /** 403 when the request came with an API token whose scopes do not allow `needed` (a session may). */
    requireScope: (needed: TokenScope, why: string) => void;
  }) => Promise<Response>,
  options: {
    bodyTypes?: readonly string[];
    /** What an API token needs for this route: by default read for GET, write for the rest. */
    scope?: TokenScope;
    /** False: a session only (managing API tokens, so a leaked token cannot mint more). */
    tokens?: false;
  } = {},
) {
  return async (req: NextRequest, context: RouteContext<Params>): Promise<Response> => {
    try {
      assertSameOriginWrite(req, new URL(appUrl()).origin, options.bodyTypes);
      const authorization = req.headers.get("authorization");
      const token =
        authorization === null
          ? null
          : await tokenUser(
              authorization,
              options.scope ?? (READS.has(req.method) ? "read" : "write"),
              options,
            );
      const user = token ? token.user : await getSessionUser(req.headers);
      if (!user) throw new AppError({ code: "unauthorized", message: "Sign in to use the API." });
      const params = await context.params;
      assertStorableInputs(req, params);
      const requireScope = (needed: TokenScope, why: string) => {
        if (token && !scopeAllows(token.scopes, needed))
          throw new AppError({
            code: "forbidden",
            message: `This API token may ${token.scopes.join(", ")}; ${why} needs the "${needed}" scope.`,
          });
      };
      return await handler({ req, user, params, requireScope });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
