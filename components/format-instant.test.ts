import { describe, expect, it } from "vitest";
import { formatInstant } from "./format-instant";

describe("formatInstant", () => {
  it("writes an instant in the given zone, to the second, with the zone named", () => {
    expect(formatInstant("2026-11-30T07:19:37.123Z", "UTC", "en-US")).toBe("Nov 30, 2026, 07:19:37 UTC");
    expect(formatInstant("2026-11-30T07:19:37Z", "Europe/Berlin", "en-GB")).toBe("30 Nov 2026, 08:19:37 CET");
  });

  it("falls back to UTC for a zone the runtime does not know, instead of throwing", () => {
    expect(formatInstant("2026-11-30T07:19:37Z", "Mars/Olympus", "en-US")).toBe("Nov 30, 2026, 07:19:37 UTC");
  });
});
