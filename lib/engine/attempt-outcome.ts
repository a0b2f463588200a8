// What becomes of a node execution whose attempt did not complete, decided in one place for the
// node task (run-node.ts: the executor threw or timed out) and the sweeper (sweep.ts: its worker
// stopped beating). A cancel needs no decision here: a cancelled row is no longer `running`, so
// neither the task's finish nor the sweeper touches it.

/** Retried after `retryAt`, or failed for good (its dependents are then skipped). */
export type AttemptOutcome = { status: "queued"; retryAt: Date; delayMs: number } | { status: "failed" };

/**
 * The outcome of a failed attempt: an error that would recur (bad SQL, a 404, a missing value) fails
 * at once; anything else — a timeout, a lost connection, a lost worker — is retried while attempts
 * are left (`attempt` counts this one; `maxRetries` retries follow the first attempt), each retry
 * waiting twice as long as the one before: `baseDelayMs`, 2×, 4×…
 */
export function attemptOutcome(
  attempt: { attempt: number; maxRetries: number },
  failure: { recurs: boolean },
  baseDelayMs: number,
  now = Date.now(),
): AttemptOutcome {
  if (failure.recurs || attempt.attempt > attempt.maxRetries) return { status: "failed" };
  const delayMs = baseDelayMs * 2 ** (attempt.attempt - 1);
  return { status: "queued", retryAt: new Date(now + delayMs), delayMs };
}

/** A retry's wait in words: "50 ms", "4 s". */
export const delayInWords = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);
