import { describe, expect, it } from "vitest";
import { progressText } from "./progress";

describe("a run's progress line", () => {
  it("says what became of every node once the run has ended", () => {
    expect(progressText(["failed", "skipped", "skipped"], false)).toBe(
      "0 of 3 completed: 1 failed, 2 skipped",
    );
    expect(progressText(["completed", "completed"], false)).toBe("2 of 2 completed");
    expect(progressText(["completed", "cancelled", "pending"], false)).toBe(
      "1 of 3 completed: 1 cancelled, 1 not run",
    );
  });

  it("counts finished nodes while the run goes on", () => {
    expect(progressText(["completed", "running", "pending"], true)).toBe("1 of 3 nodes finished");
  });
});
