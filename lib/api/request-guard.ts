import { AppError } from "./errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses a state-changing request that a browser could have sent from another site (CSRF), on top
 * of the session cookie's SameSite=Lax:
 * - an `Origin` header, when present, must be the app's own origin (browsers always send it on
 *   cross-origin writes, so a page elsewhere cannot post, even as a "simple" form or text/plain
 *   request);
 * - a declared body type must be `application/json`, which no HTML form can send and which a
 *   cross-origin `fetch` can send only after a CORS preflight that this app never answers.
 * Clients that are not browsers (curl, scripts) send no Origin; they pass with a JSON body, or with
 * none (`curl -X POST …/cancel`). A route that takes a file names `multipart/form-data`: a cross-site
 * form could send one, but not with the session cookie (SameSite=Lax) nor without its Origin.
 */
export function assertSameOriginWrite(
  req: Request,
  appOrigin: string,
  /** Body types the route takes besides JSON (a file upload's `multipart/form-data`). */
  bodyTypes: readonly string[] = [],
): void {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.get("origin");
  if (origin !== null && origin !== appOrigin) {
    throw new AppError({
      code: "forbidden",
      message: `Cross-origin request refused: ${req.method} requests must come from ${appOrigin}.`,
    });
  }
  const type = req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== undefined && type !== "application/json" && !bodyTypes.includes(type)) {
    throw new AppError({
      code: "unsupported_media_type",
      message: bodyTypes.length
        ? `Send the request body as ${["application/json", ...bodyTypes].join(" or ")}, not ${type}.`
        : `Send the request body as JSON with "Content-Type: application/json", not ${type}.`,
    });
  }
}
