import "server-only";
import type { NextRequest } from "next/server";
import { AppError, errorResponse } from "@/lib/api/errors";
import { assertSameOriginWrite } from "@/lib/api/request-guard";
import { appUrl } from "@/lib/env";
import { getSessionUser, type SessionUser } from "./session";

type RouteContext<Params> = { params: Promise<Params> };

/**
 * Wraps a route handler: refuses cross-site writes (see assertSameOriginWrite), loads the session (401 in the error envelope when there is none), awaits
 * the route params, and turns anything thrown into the one error envelope.
 */
export function withUser<Params = Record<string, string>>(
  handler: (context: { req: NextRequest; user: SessionUser; params: Params }) => Promise<Response>,
) {
  return async (req: NextRequest, context: RouteContext<Params>): Promise<Response> => {
    try {
      assertSameOriginWrite(req, new URL(appUrl()).origin);
      const user = await getSessionUser(req.headers);
      if (!user) throw new AppError({ code: "unauthorized", message: "Sign in to use the API." });
      return await handler({ req, user, params: await context.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
