import type { ZodObject, ZodType, z } from "zod";
import type { TokenScope } from "./scopes";

// One endpoint, stated once: the route serves it through handle(), the OpenAPI document describes
// it, and the browser calls it through call(), all from the same object. Safe in the browser.

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

type ParamNames<Path extends string> = Path extends `${string}{${infer Name}}${infer Rest}`
  ? Name | ParamNames<Rest>
  : never;
/** The path parameters of `/api/compositions/{id}/versions/{version}`: `{ id: string; version: string }`. */
export type PathParams<Path extends string> = { [Name in ParamNames<Path>]: string };

export interface Operation {
  method: HttpMethod;
  /** OpenAPI style: `/api/compositions/{id}`. */
  path: string;
  summary: string;
  query?: ZodObject;
  body?: ZodType;
  /** The body may be left out: it is then read as `{}` (a run without parameters). */
  bodyOptional?: boolean;
  /** The body is a file upload (`multipart/form-data`), read by the handler. */
  upload?: boolean;
  /** The 2xx answer's JSON; null for none (204) or for a body that is not JSON (`produces`). */
  response: ZodType | null;
  status: 200 | 201 | 202 | 204;
  /** What a 2xx answer is, when not JSON. */
  produces?: "text/csv";
  /** The error statuses it answers besides 401 and 403 (which any signed-in call may get). */
  errors: readonly number[];
  /** What an API token needs: by default read for GET, write for the rest. */
  scope?: TokenScope;
  /**
   * `session`: a signed-in session only, never an API token (managing tokens, so a leaked token
   * cannot mint more). `public`: no sign-in (signing in, webhooks); the handler reads the body.
   */
  access?: "session" | "public";
  /** Left out of the OpenAPI document: plumbing for operators (the health check, the document itself). */
  undocumented?: boolean;
}

/** Declares an operation, keeping its literal path and schemas for the types below. */
export const operation = <const O extends Operation>(op: O): O => op;

type Schema<O, Key extends "query" | "body"> = O extends { [K in Key]: infer S extends ZodType } ? S : never;

export type ParamsOf<O extends Operation> = PathParams<O["path"]>;
/** What the handler gets: the parsed query and body (undefined when the operation has none). */
export type QueryOf<O extends Operation> = [Schema<O, "query">] extends [never]
  ? undefined
  : z.output<Schema<O, "query">>;
export type BodyOf<O extends Operation> = [Schema<O, "body">] extends [never]
  ? undefined
  : z.output<Schema<O, "body">>;
/** What a client sends. */
export type QueryInput<O extends Operation> = z.input<Schema<O, "query">>;
export type BodyInput<O extends Operation> = z.input<Schema<O, "body">>;
/** What the operation answers, as a client reads it. */
export type ResponseOf<O extends Operation> = O["response"] extends ZodType
  ? z.output<O["response"]>
  : undefined;

/** `/api/compositions/{id}` with `{ id: "comp a" }` → `/api/compositions/comp%20a`. */
export function pathOf(path: string, params: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${path}: the path parameter ${name} is missing.`);
    return encodeURIComponent(value);
  });
}
