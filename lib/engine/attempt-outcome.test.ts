import { describe, expect, it } from "vitest";
import { attemptOutcome } from "./attempt-outcome";

const now = Date.UTC(2026, 0, 1);

describe("attemptOutcome", () => {
  it("retries while attempts are left, each wait twice the one before", () => {
    const waits = [1, 2, 3].map((attempt) => {
      const outcome = attemptOutcome({ attempt, maxRetries: 3 }, { recurs: false }, 1000, now);
      return outcome.status === "queued" ? [outcome.delayMs, outcome.retryAt.getTime() - now] : null;
    });
    expect(waits).toEqual([
      [1000, 1000],
      [2000, 2000],
      [4000, 4000],
    ]);
  });

  it("fails once the retries are spent", () => {
    expect(attemptOutcome({ attempt: 4, maxRetries: 3 }, { recurs: false }, 1000, now)).toEqual({
      status: "failed",
    });
    expect(attemptOutcome({ attempt: 1, maxRetries: 0 }, { recurs: false }, 1000, now)).toEqual({
      status: "failed",
    });
  });

  it("fails at once for an error that would recur, retries left or not", () => {
    expect(attemptOutcome({ attempt: 1, maxRetries: 3 }, { recurs: true }, 1000, now)).toEqual({
      status: "failed",
    });
  });
});
