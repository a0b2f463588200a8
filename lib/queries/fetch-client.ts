import type { ZodType } from "zod";
import {
  type BodyInput,
  type Operation,
  type ParamsOf,
  pathOf,
  type QueryInput,
  type ResponseOf,
} from "@/lib/api/contract";

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
  // A body that is not JSON is no body; a request aborted while its body arrives stays aborted
  // (answering `undefined` then would hand the caller an empty success).
  const body =
    response.status === 204
      ? undefined
      : await response.json().catch((error: unknown) => {
          if (init?.signal?.aborted) throw error;
          return undefined;
        });
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

type RequiredKeys<Input> = { [K in keyof Input]-?: undefined extends Input[K] ? never : K }[keyof Input];

/** What a call of an operation sends: its path parameters, query and body, as the contract types them. */
export type CallInput<O extends Operation> = (keyof ParamsOf<O> extends never
  ? unknown
  : { params: ParamsOf<O> }) &
  (O extends { query: ZodType } ? { query?: QueryInput<O> } : unknown) &
  (O extends { body: ZodType }
    ? O extends { bodyOptional: true }
      ? { body?: BodyInput<O> }
      : // Or the body as text, sent as it is (a file's text that the server parses and checks).
        { body: BodyInput<O> } | { text: string }
    : unknown) &
  (O extends { upload: true } ? { form: FormData } : unknown) & {
    signal?: AbortSignal;
    headers?: Record<string, string>;
  };

type Loose = {
  params?: Record<string, string>;
  query?: object;
  body?: unknown;
  form?: FormData;
  text?: string;
};

/** The URL of an operation with its path parameters and query (undefined values left out). */
export function urlOf<const O extends Operation>(op: O, params: ParamsOf<O>, query: object = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== null) search.set(name, String(value));
  const path = pathOf(op.path, params as Record<string, string>);
  // Not `search.size`: browsers before 2023 (Safari 16) have no such property.
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Calls an operation of the API (lib/<domain>/api.ts): its method, its path filled in, its body as
 * JSON (or its upload form); the answer typed as the operation's response.
 */
export function call<const O extends Operation>(
  op: O,
  ...[input]: RequiredKeys<CallInput<O>> extends never ? [CallInput<O>?] : [CallInput<O>]
): Promise<ResponseOf<O>> {
  const { params, query, body, form, text, signal, headers } = (input ?? {}) as Loose & CallInput<O>;
  return apiFetch<ResponseOf<O>>(urlOf(op, (params ?? {}) as ParamsOf<O>, query), {
    method: op.method,
    body: form ?? text ?? (body === undefined ? undefined : JSON.stringify(body)),
    signal,
    headers,
  });
}
