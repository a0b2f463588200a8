import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { Prisma } from "@/lib/generated/prisma/client";

const statusByCode = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable_entity: 422,
  too_many_requests: 429,
  database_unavailable: 503,
  internal_server_error: 500,
} as const;

export type ErrorCode = keyof typeof statusByCode;
/** Every error code, for the API description. */
export const errorCodes = Object.keys(statusByCode) as [ErrorCode, ...ErrorCode[]];

/** One problem with a request: a zod issue (with `path`) or a validation finding (with its location). */
export interface ErrorIssue {
  code?: string;
  message: string;
  path?: (string | number)[];
  nodeId?: string;
  connectionId?: string;
  param?: string;
  severity?: string;
}

/** An error whose code and message are meant for the API caller. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues?: ErrorIssue[];
  readonly details?: Record<string, unknown>;

  constructor(options: {
    code: ErrorCode;
    message: string;
    issues?: ErrorIssue[];
    details?: Record<string, unknown>;
  }) {
    super(options.message);
    this.name = "AppError";
    this.code = options.code;
    this.issues = options.issues;
    this.details = options.details;
  }

  get status(): number {
    return statusByCode[this.code];
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: ErrorIssue[] } & Record<string, unknown>;
}

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
