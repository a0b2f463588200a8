import type { QueryLimits, TableResult } from "@/lib/data-sources/drivers/driver";
import type { Env } from "@/lib/env";
import type { OutputField } from "@/lib/value-types";

/** An upstream node's table result as a "Query results" node reads it: its Parquet file, here. */
export interface InputTable {
  alias: string;
  columns: OutputField[];
  path: string;
}

export type LogLevel = "debug" | "info" | "warn" | "error";

export interface ExecutorContext {
  /** The node's resolved parameters. */
  params: Record<string, unknown>;
  /** The template's kind-specific definition (SQL text, HTTP request, JSONata expression). */
  definition: Record<string, unknown>;
  /** The template's declared outputs: the columns of rows an HTTP template makes of its response. */
  outputs: OutputField[];
  /** Aborted on timeout, cancel or worker shutdown; executors stop promptly when it fires. */
  signal: AbortSignal;
  log: (level: LogLevel, message: string, data?: unknown) => void;
  /** Runs a SQL template's statement on the data source of the template's version, read-only and bounded. */
  sql: (query: { text: string; values: unknown[] }, limits: QueryLimits) => Promise<TableResult>;
  /** A "Query results" node's inputs: the result of each of its table connections, under its alias. */
  inputTables: () => Promise<InputTable[]>;
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
  /**
   * Whether another attempt may succeed (the network, a timeout, a server's 5xx); a node fails at
   * once on an error that would recur (bad SQL, a 404, an expression that does not evaluate).
   */
  readonly transient: boolean;
  constructor(message: string, options: { transient?: boolean } = {}) {
    super(message);
    this.transient = options.transient ?? false;
  }
}

/** Rejects with the signal's reason once it aborts. */
export function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}
