/** An API failure with the envelope's code and message, shown to people as is. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Fetches JSON from our API; a non-2xx answer throws an ApiError carrying the error envelope. */
export async function apiFetch<T>(path: string, init?: RequestInit): Promise<T> {
  // A FormData body (a file upload) sets its own multipart type and boundary.
  const json = !(init?.body instanceof FormData);
  const response = await fetch(path, {
    ...init,
    headers: { ...(json ? { "content-type": "application/json" } : {}), ...init?.headers },
  });
  const body = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? "http_error",
      error?.message ?? `The server answered ${response.status}.`,
      body,
    );
  }
  return body as T;
}

/** A request that changes something, its body sent as JSON (none when undefined). */
export function apiSend<T>(
  method: "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  body?: unknown,
  init?: RequestInit,
): Promise<T> {
  return apiFetch<T>(path, { ...init, method, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** A path segment from an id or a user-chosen name. */
export const segment = encodeURIComponent;
