import { NextResponse } from "next/server";
import { HTTP_METHODS, type HttpMethod } from "./contract";
import { toErrorBody } from "./error-response";
import { AppError } from "./errors";

/**
 * Handlers for the methods a route does not have, each answering 405 in the error envelope with an
 * `Allow` header: Next.js's own 405 has an empty body. route() (lib/auth/handle.ts) derives them
 * from a route's operations; better-auth's catch-all states them itself.
 */
export function otherMethods<Allowed extends HttpMethod>(...allowed: Allowed[]) {
  const refuse = (req: Request) => {
    const { status, body } = toErrorBody(
      new AppError({
        code: "method_not_allowed",
        message: `${req.method} is not allowed here: use ${allowed.join(" or ")}.`,
      }),
    );
    return NextResponse.json(body, { status, headers: { Allow: allowed.join(", ") } });
  };
  const others = HTTP_METHODS.filter((method) => !(allowed as HttpMethod[]).includes(method));
  return Object.fromEntries(others.map((method) => [method, refuse])) as Record<
    Exclude<HttpMethod, Allowed>,
    typeof refuse
  >;
}
