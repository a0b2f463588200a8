import "server-only";
import type { NextRequest } from "next/server";
import { AppError, errorResponse } from "@/lib/api/errors";
import { unstorable } from "@/lib/api/read-json";
import { assertSameOriginWrite } from "@/lib/api/request-guard";
import { appUrl } from "@/lib/env";
import { getSessionUser, type SessionUser } from "./session";

type RouteContext<Params> = { params: Promise<Params> };

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
  handler: (context: { req: NextRequest; user: SessionUser; params: Params }) => Promise<Response>,
  options: { bodyTypes?: readonly string[] } = {},
) {
  return async (req: NextRequest, context: RouteContext<Params>): Promise<Response> => {
    try {
      assertSameOriginWrite(req, new URL(appUrl()).origin, options.bodyTypes);
      const user = await getSessionUser(req.headers);
      if (!user) throw new AppError({ code: "unauthorized", message: "Sign in to use the API." });
      const params = await context.params;
      assertStorableInputs(req, params);
      return await handler({ req, user, params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
