import path from "node:path";
import workerpool, { type Pool } from "workerpool";

/** Limits of one evaluation of user-written code. */
export const SANDBOX_LIMITS = {
  /** Wall-clock time from the start of the evaluation; its process is killed past it. */
  milliseconds: 5_000,
  /** V8 heap of one sandbox process; past it the process dies and the evaluation fails. */
  heapMb: 128,
  /** Sandbox processes per server process; more evaluations wait their turn. */
  processes: 2,
};

/** An expression that failed, ran too long or used too much memory; the message is for the user. */
export class ExpressionError extends Error {
  override name = "ExpressionError";
}

type Answer = { ok: true; value: unknown } | { ok: false; message: string };

let pool: Pool | undefined;

function sandbox(): Pool {
  pool ??= workerpool.pool(path.join(process.cwd(), "lib/sandbox/jsonata-process.mjs"), {
    // Processes, not threads: a thread that runs out of heap takes the whole server down with it.
    workerType: "process",
    maxWorkers: SANDBOX_LIMITS.processes,
    forkOpts: {
      execArgv: [`--max-old-space-size=${SANDBOX_LIMITS.heapMb}`],
      // A user's expression has no business with the server's secrets.
      env: { NODE_ENV: process.env.NODE_ENV ?? "production" },
      serialization: "advanced",
    },
  });
  return pool;
}

/**
 * Evaluates a JSONata expression over `input` in a sandbox process. An expression that runs past
 * {@link SANDBOX_LIMITS} has its process killed (an endless recursion never yields, so nothing short
 * of that stops it); `signal` stops it the same way, for a cancel.
 */
export async function evaluateExpression(
  expression: string,
  input: unknown,
  signal?: AbortSignal,
): Promise<unknown> {
  signal?.throwIfAborted();
  const task = sandbox().exec("evaluate", [expression, input]).timeout(SANDBOX_LIMITS.milliseconds);
  const cancel = () => {
    // workerpool rethrows the cancellation from the listener itself; the awaiting code below gets it too.
    try {
      task.cancel();
    } catch {}
  };
  signal?.addEventListener("abort", cancel, { once: true });
  let answer: Answer;
  try {
    answer = await task;
  } catch (error) {
    signal?.throwIfAborted();
    if (error instanceof workerpool.Promise.TimeoutError)
      throw new ExpressionError(`The expression ran longer than ${SANDBOX_LIMITS.milliseconds / 1000} s.`);
    throw new ExpressionError(
      `The expression stopped its sandbox (more than ${SANDBOX_LIMITS.heapMb} MB of memory?): ${(error as Error).message}`,
    );
  } finally {
    signal?.removeEventListener("abort", cancel);
  }
  if (!answer.ok) throw new ExpressionError(`The expression failed: ${answer.message}`);
  return answer.value;
}

/** Stops the sandbox processes (tests and worker shutdown). */
export async function closeSandbox(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.terminate(true);
}
