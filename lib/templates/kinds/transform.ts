import jsonata from "jsonata";
import { type Executor, ExecutorError } from "./types";

/** Time and nesting limits of one JSONata evaluation. */
const LIMITS = { milliseconds: 5_000, depth: 500 };

/**
 * Evaluates the template's JSONata expression over the node's parameters, stopping a runaway
 * expression (time or depth) with an error rather than hanging the worker.
 */
export const runTransform: Executor = async ({ params, definition, signal }) => {
  let expression: jsonata.Expression;
  try {
    expression = jsonata(String(definition.expression));
  } catch (error) {
    throw new ExecutorError(`The expression does not parse: ${(error as Error).message}`);
  }
  const started = Date.now();
  let depth = 0;
  const check = () => {
    if (depth > LIMITS.depth) throw new ExecutorError("The expression nests too deeply.");
    if (Date.now() - started > LIMITS.milliseconds)
      throw new ExecutorError("The expression took longer than 5 s.");
    signal.throwIfAborted();
  };
  expression.assign("__evaluate_entry", () => {
    depth++;
    check();
  });
  expression.assign("__evaluate_exit", () => {
    depth--;
    check();
  });
  try {
    return { type: "json", value: (await expression.evaluate(params)) ?? null };
  } catch (error) {
    if (error instanceof ExecutorError) throw error;
    signal.throwIfAborted();
    throw new ExecutorError(
      `The expression failed: ${(error as { message?: string }).message ?? String(error)}`,
    );
  }
};
