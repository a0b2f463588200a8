import { ExpressionError, evaluateExpression } from "@/lib/sandbox/evaluate";
import { type Executor, ExecutorError } from "./types";

/**
 * Evaluates the template's JSONata expression over the node's parameters in the sandbox, so a
 * runaway expression fails this node (past the sandbox's time or memory limit) instead of freezing
 * the worker.
 */
export const runTransform: Executor = async ({ params, definition, signal }) => {
  try {
    return { type: "json", value: await evaluateExpression(String(definition.expression), params, signal) };
  } catch (error) {
    if (error instanceof ExpressionError) throw new ExecutorError(error.message);
    throw error;
  }
};
