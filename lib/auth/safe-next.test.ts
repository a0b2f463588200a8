import { describe, expect, it } from "vitest";
import { safeNext } from "./safe-next";

const origin = "http://localhost:3000";

describe("safeNext", () => {
  it.each([
    ["/compositions/comp_x?tab=runs", "/compositions/comp_x?tab=runs"],
    [null, "/"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["\\\\evil.example", "/"],
    ["https://evil.example/x", "/"],
    ["javascript:alert(1)", "/"],
    ["/%5Cevil.example", "/%5Cevil.example"],
    [`${origin}/schedules`, "/schedules"],
  ])("%s → %s", (next, expected) => {
    expect(safeNext(next, origin)).toBe(expected);
  });
});
