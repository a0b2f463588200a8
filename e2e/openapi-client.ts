import type { APIRequestContext } from "@playwright/test";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { expect } from "./fixtures";

type Operation = {
  operationId: string;
  requestBody?: { required: boolean };
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
};

type Call = {
  path?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
};

/**
 * A client made from the served API description (`/api/openapi.json`): operations are called by
 * their operationId, so the method and path come from the document, and every answer is checked
 * against it — its status must be listed, its content type must match, and a JSON body must
 * validate (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses) against the schema given for that status.
 */
export async function openApiClient(request: APIRequestContext) {
  const response = await request.get("/api/openapi.json");
  expect(response.status()).toBe(200);
  const document = (await response.json()) as { paths: Record<string, Record<string, Operation>> };
  const operations = new Map<string, { method: string; path: string; operation: Operation }>();
  for (const [path, verbs] of Object.entries(document.paths))
    for (const [method, operation] of Object.entries(verbs))
      operations.set(operation.operationId, { method: method.toUpperCase(), path, operation });

  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validators = new Map<object, ValidateFunction>();
  const validatorFor = (schema: object) => {
    const validate = validators.get(schema) ?? ajv.compile(schema);
    validators.set(schema, validate);
    return validate;
  };
  const checked: string[] = [];

  // biome-ignore lint/suspicious/noExplicitAny: answers are checked against the document at run time and read as loose JSON
  async function call<T = any>(operationId: string, { path = {}, query, body }: Call = {}) {
    const found = operations.get(operationId);
    if (!found) throw new Error(`The API description has no operation ${operationId}.`);
    const url =
      found.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(path[name]!)) +
      (query ? `?${new URLSearchParams(query)}` : "");
    const answer = await request.fetch(url, { method: found.method, data: body });
    const status = answer.status();
    const described = found.operation.responses[String(status)];
    expect(
      described,
      `${operationId} answered ${status}, a status its description does not list`,
    ).toBeTruthy();
    const [type, media] = Object.entries(described!.content ?? {})[0] ?? [];
    checked.push(`${operationId} ${status}`);
    if (!type) {
      expect(await answer.text(), `${operationId} ${status} is described without content`).toBe("");
      return { status, body: undefined as T };
    }
    expect(answer.headers()["content-type"]).toContain(type);
    if (type !== "application/json") return { status, body: (await answer.text()) as T };
    const json = await answer.json();
    const validate = validatorFor(media!.schema);
    expect(
      validate(json) ? [] : validate.errors,
      `${operationId} ${status}: the answer does not fit its description`,
    ).toEqual([]);
    return { status, body: json as T };
  }

  return Object.assign(call, { checked, operationIds: [...operations.keys()] });
}
