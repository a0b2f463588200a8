import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("loadEmbeddedPostgres", () => {
  it("leaves the process's exit code alone, so a failing test run still fails", () => {
    const { status, stderr } = spawnSync(
      process.execPath,
      ["--import", "tsx", "lib/db/fixtures/exit-code.ts"],
      {
        encoding: "utf8",
      },
    );
    expect(stderr).toBe("");
    expect(status).toBe(3);
  });
});
