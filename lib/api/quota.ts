import { AppError } from "./errors";

// The two ways QueryFlow refuses past a limit, chosen by what helps the caller:
// - a cap on how many of a thing someone holds (API tokens, schedules, data sources, webhooks,
//   notification rules) answers 409 `conflict`: waiting changes nothing, removing one does;
// - a cap on how much runs at once (runs in progress) answers 429 `too_many_requests` with
//   Retry-After: the same request succeeds once a run finishes.
// The limits themselves are settings (lib/env.ts).

/** Seconds a client refused for runs in progress should wait before trying again. */
export const RUNS_RETRY_AFTER_SECONDS = 10;

/** 409 when `have` already reaches `most`; `message` says what and how to make room. */
export function assertBelowCap(have: number, most: number, message: string): void {
  if (have >= most) throw new AppError({ code: "conflict", message, details: { limit: most } });
}

/** 429 with Retry-After when `live` runs already reach `most`. */
export function assertRunsBelow(live: number, most: number, message: string): void {
  if (live >= most)
    throw new AppError({
      code: "too_many_requests",
      message,
      details: { limit: most, retryAfterSeconds: RUNS_RETRY_AFTER_SECONDS },
    });
}
