import { errorResponse } from "@/lib/api/error-response";
import { AppError } from "@/lib/api/errors";

// Any /api path without a route answers the error envelope instead of an HTML 404 page.
function notFound(req: Request): Response {
  const { pathname } = new URL(req.url);
  return errorResponse(
    new AppError({ code: "not_found", message: `No API route ${req.method} ${pathname}.` }),
  );
}

export { notFound as DELETE, notFound as GET, notFound as PATCH, notFound as POST, notFound as PUT };
