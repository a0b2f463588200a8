// The error vocabulary: what a failure is called and its status. Safe in the browser; the server
// turns any thrown value into the envelope in error-response.ts.

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
