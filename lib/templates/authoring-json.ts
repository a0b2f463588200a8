import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import type { Env } from "@/lib/env";
import { ExpressionError, evaluateExpression } from "@/lib/sandbox/evaluate";
import { outputFieldSchema } from "@/lib/value-types";
import { fieldsOf, toRows, valueTypeOf } from "./infer";
import { runHttp } from "./kinds/http";
import { ExecutorError } from "./kinds/types";
import type { HttpAuthoredDefinition, TransformAuthoredDefinition } from "./schema";
import type { ParameterSpec } from "./types";

// Writing HTTP and transform templates in the app: what their parameters are, what a test call or
// an evaluation of the sample gives, and from that their outputs.

export const PREVIEW_ROWS = 100;
/** A test call waits this long for the server. */
const TEST_CALL_TIMEOUT_MS = 15_000;

/** What an HTTP template without a rows expression outputs (as the built-in HTTP request does). */
const responseFields = z.array(outputFieldSchema).parse([
  { name: "status", type: "integer" },
  { name: "headers", type: "json" },
  { name: "body", type: "json" },
]);

/** The `{{name}}` placeholders of an HTTP definition's URL, headers and body, in order, once each. */
export function placeholderNames(definition: HttpAuthoredDefinition): string[] {
  const text = [definition.url, ...Object.values(definition.headers), definition.body ?? ""].join("\n");
  return [...new Set([...text.matchAll(/\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g)].map((match) => match[1]!))];
}

export function describeHttpTemplate(definition: HttpAuthoredDefinition) {
  const parameters: ParameterSpec[] = placeholderNames(definition).map((name) => ({
    name,
    type: "string",
    required: true,
    description: "",
  }));
  // The outputs are the response's: a test call (the preview) tells them.
  return { parameters, outputs: definition.rows ? [] : responseFields };
}

function previewOf(
  rows: Record<string, unknown>[],
  columns: z.output<typeof outputFieldSchema>[],
  started: number,
) {
  return {
    columns,
    rows: rows.slice(0, PREVIEW_ROWS),
    rowCount: Math.min(rows.length, PREVIEW_ROWS),
    truncated: rows.length > PREVIEW_ROWS,
    durationMs: Math.round(performance.now() - started),
  };
}

/** A test call with the given values, through the same guarded client runs use (internal hosts refused). */
export async function previewHttpTemplate(
  definition: HttpAuthoredDefinition,
  values: Record<string, unknown>,
  env: Env,
) {
  const started = performance.now();
  try {
    const result = await runHttp({
      params: values,
      definition,
      outputs: [],
      signal: AbortSignal.timeout(TEST_CALL_TIMEOUT_MS),
      log: () => {},
      sql: () => Promise.reject(new Error("An HTTP template runs no SQL.")),
      inputTables: () => Promise.reject(new Error("An HTTP template reads no input tables.")),
      env: { ...env, SQL_MAX_ROWS: PREVIEW_ROWS + 1 },
    });
    return result.type === "table"
      ? previewOf(result.rows, result.columns, started)
      : previewOf([result.value as Record<string, unknown>], responseFields, started);
  } catch (error) {
    throw asUnprocessable("The test call failed", error);
  }
}

/** The sample's fields as parameters (typed by their values), and the outputs of the expression on it. */
export async function describeTransformTemplate(definition: TransformAuthoredDefinition) {
  const parameters: ParameterSpec[] = Object.entries(definition.sample).map(([name, value]) => ({
    name,
    type: valueTypeOf(value) ?? "json",
    required: true,
    description: "",
  }));
  const { rows } = await evaluateTransform(definition, {});
  return { parameters, outputs: fieldsOf(rows) };
}

export async function previewTransformTemplate(
  definition: TransformAuthoredDefinition,
  values: Record<string, unknown>,
) {
  const started = performance.now();
  const { rows } = await evaluateTransform(definition, values);
  return previewOf(rows, fieldsOf(rows), started);
}

/** The expression on the sample (values given replace the sample's), in the sandbox runs use. */
async function evaluateTransform(definition: TransformAuthoredDefinition, values: Record<string, unknown>) {
  try {
    const value = await evaluateExpression(definition.expression, { ...definition.sample, ...values });
    return { rows: toRows(value) };
  } catch (error) {
    throw asUnprocessable("The expression failed", error);
  }
}

function asUnprocessable(what: string, error: unknown) {
  if (error instanceof ExecutorError || error instanceof ExpressionError)
    return new AppError({ code: "unprocessable_entity", message: `${what}: ${error.message}` });
  return error;
}
