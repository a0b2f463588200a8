import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError, type ErrorBody } from "./errors";

/** Seconds a client should wait before retrying when the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

function databaseUnavailable() {
  return {
    status: 503,
    body: {
      error: {
        code: "database_unavailable" as const,
        message: "The database is unavailable at the moment. Try again in a few seconds.",
      },
    },
    headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
  };
}

/** The 503 envelope for a database that is down or out of connections, with Retry-After. */
export function databaseUnavailableResponse(): NextResponse<ErrorBody> {
  const { status, body, headers } = databaseUnavailable();
  return NextResponse.json(body, { status, headers });
}

/**
 * Maps any thrown value to the one error envelope, its HTTP status and any headers. Unknown errors
 * leak nothing; a database that is down or saturated is a 503 with Retry-After, not a 500.
 */
export function toErrorBody(error: unknown): {
  status: number;
  body: ErrorBody;
  headers?: Record<string, string>;
} {
  if (error instanceof AppError) {
    const retryAfter = error.details?.retryAfterSeconds;
    return {
      status: error.status,
      body: { error: { code: error.code, message: error.message, issues: error.issues, ...error.details } },
      ...(typeof retryAfter === "number" ? { headers: { "Retry-After": String(retryAfter) } } : {}),
    };
  }
  if (error instanceof ZodError) {
    const issues = error.issues.map((issue) => ({
      code: issue.code,
      message: issue.message,
      path: issue.path.map((part) => (typeof part === "symbol" ? String(part) : part)),
    }));
    const first = issues[0];
    const where = first?.path.length ? `${first.path.join(".")}: ` : "";
    return {
      status: 400,
      body: {
        error: { code: "bad_request", message: `Invalid request. ${where}${first?.message ?? ""}`, issues },
      },
    };
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2025") {
      return { status: 404, body: { error: { code: "not_found", message: "Not found." } } };
    }
    if (error.code === "P2002") {
      return { status: 409, body: { error: { code: "conflict", message: "That already exists." } } };
    }
  }
  if (isDatabaseUnavailable(error)) {
    console.error(`database unavailable: ${(error as Error).message?.split("\n").at(-1)}`);
    return databaseUnavailable();
  }
  console.error(error);
  return {
    status: 500,
    body: { error: { code: "internal_server_error", message: "Something went wrong on our side." } },
  };
}

export function errorResponse(error: unknown): NextResponse<ErrorBody> {
  const { status, body, headers } = toErrorBody(error);
  return NextResponse.json(body, { status, headers });
}
