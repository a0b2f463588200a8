import type pg from "pg";
import type { Env } from "@/lib/env";
import type { OutputField } from "@/lib/value-types";

export type LogLevel = "debug" | "info" | "warn" | "error";

export interface ExecutorContext {
  /** The node's resolved parameters. */
  params: Record<string, unknown>;
  /** The template's kind-specific definition (SQL text, HTTP request, JSONata expression). */
  definition: Record<string, unknown>;
  /** Aborted on timeout, cancel or worker shutdown; executors stop promptly when it fires. */
  signal: AbortSignal;
  log: (level: LogLevel, message: string, data?: unknown) => void;
  /** Connections for SQL templates (the warehouse). */
  warehouse: pg.Pool;
  env: Env;
}

/** Rows with typed columns (SQL), or any JSON value (HTTP, transform, delay, echo). */
export type ExecutorResult =
  | { type: "table"; columns: OutputField[]; rows: Record<string, unknown>[]; truncated: boolean }
  | { type: "json"; value: unknown };

export type Executor = (context: ExecutorContext) => Promise<ExecutorResult>;

/** Thrown by executors for a failure whose message is fit to show (no stack needed). */
export class ExecutorError extends Error {
  override name = "ExecutorError";
}

/** Rejects with the signal's reason once it aborts. */
export function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}
