import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cronError, describeCron, isTimeZone, nextRun, nextRuns, shortestInterval } from "./cron";

const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

describe("nextRuns", () => {
  it("counts in the schedule's time zone", () => {
    const now = new Date("2026-11-22T12:00:00Z");
    expect(iso(nextRuns("0 9 * * *", "UTC", now, 2))).toEqual([
      "2026-11-23T09:00:00.000Z",
      "2026-11-24T09:00:00.000Z",
    ]);
    expect(iso(nextRuns("0 9 * * *", "America/New_York", now, 1))).toEqual(["2026-11-22T14:00:00.000Z"]);
    expect(iso(nextRuns("0 9 * * *", "Asia/Kolkata", now, 1))).toEqual(["2026-11-23T03:30:00.000Z"]);
  });

  it("fires a time the spring-forward gap skips at the first valid time after it, once", () => {
    // Europe/Berlin, 2026-03-29: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist that day.
    const runs = nextRuns("30 2 * * *", "Europe/Berlin", new Date("2026-03-28T12:00:00Z"), 3);
    expect(iso(runs)).toEqual([
      "2026-03-29T01:00:00.000Z", // 03:00 CEST
      "2026-03-30T00:30:00.000Z", // 02:30 CEST
      "2026-03-31T00:30:00.000Z",
    ]);
  });

  it("fires a time the fall-back hour repeats once, at its first occurrence", () => {
    // Europe/Berlin, 2026-10-25: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice.
    const runs = nextRuns("30 2 * * *", "Europe/Berlin", new Date("2026-10-24T12:00:00Z"), 2);
    expect(iso(runs)).toEqual(["2026-10-25T00:30:00.000Z", "2026-10-26T01:30:00.000Z"]);
  });

  it("keeps an hourly schedule hourly across both transitions", () => {
    const spring = nextRuns("0 * * * *", "America/New_York", new Date("2026-03-08T05:30:00Z"), 3);
    expect(iso(spring)).toEqual([
      "2026-03-08T06:00:00.000Z",
      "2026-03-08T07:00:00.000Z",
      "2026-03-08T08:00:00.000Z",
    ]);
    const fall = nextRuns("0 * * * *", "America/New_York", new Date("2026-11-01T04:30:00Z"), 3);
    expect(iso(fall)).toEqual([
      "2026-11-01T05:00:00.000Z",
      "2026-11-01T06:00:00.000Z",
      "2026-11-01T07:00:00.000Z",
    ]);
  });

  it("takes an optional seconds field first", () => {
    const now = new Date("2026-11-22T12:00:07.500Z");
    expect(iso(nextRuns("*/15 * * * * *", "UTC", now, 3))).toEqual([
      "2026-11-22T12:00:15.000Z",
      "2026-11-22T12:00:30.000Z",
      "2026-11-22T12:00:45.000Z",
    ]);
    expect(nextRun("* * * * * *", "UTC", now)?.toISOString()).toBe("2026-11-22T12:00:08.000Z");
  });

  it("counts strictly after the given instant", () => {
    const tick = new Date("2026-11-22T12:00:00Z");
    expect(nextRun("0 * * * *", "UTC", tick)?.toISOString()).toBe("2026-11-22T13:00:00.000Z");
  });
});

describe("checks and words", () => {
  it("says what is wrong with an expression", () => {
    expect(cronError("0 9 * * 1-5")).toBeNull();
    expect(cronError("*/5 * * * * *")).toBeNull();
    expect(cronError("0 9 * *")).toMatch(/5 fields/);
    expect(cronError("61 * * * *")).toMatch(/minute/);
  });
  it("knows IANA time zones", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });
  it("describes an expression in words", () => {
    expect(describeCron("0 9 * * 1-5")).toBe("At 09:00, Monday through Friday");
    expect(describeCron("*/10 * * * * *")).toBe("Every 10 seconds");
  });
  it("refuses what croner takes but cannot be described, and lists such a stored row by its text", () => {
    for (const expression of ["0 0 ? ? *", "0 0 * * +1", "0 0 * * 5#L"]) {
      expect(cronError(expression)).toMatch(/cannot be described/);
      expect(describeCron(expression)).toBe(expression);
    }
  });
  it("either describes or refuses every expression croner accepts (property)", () => {
    const token = fc.constantFrom(
      "*",
      "?",
      "0",
      "1",
      "5",
      "7",
      "12",
      "30",
      "59",
      "L",
      "W",
      "#",
      "+",
      "-",
      "/",
      ",",
      "1-5",
      "*/2",
      "MON",
      "jan",
      "5#L",
      "15W",
      "LW",
      "L-2",
      "0/15",
      "1,3",
      "60",
      "32",
      "13",
      "8",
    );
    const field = fc.array(token, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(""));
    const expression = fc.array(field, { minLength: 5, maxLength: 6 }).map((fields) => fields.join(" "));
    fc.assert(
      fc.property(expression, (text) => {
        if (cronError(text) !== null) return;
        expect(typeof describeCron(text)).toBe("string");
        expect(describeCron(text)).not.toBe(text);
        expect(() => nextRuns(text, "UTC", new Date("2026-01-01T00:00:00Z"), 3)).not.toThrow();
      }),
      { numRuns: 3000 },
    );
  });
  it("measures the shortest gap between runs", () => {
    const now = new Date("2026-11-22T12:00:00Z");
    expect(shortestInterval("*/10 * * * * *", "UTC", now)).toBe(10);
    expect(shortestInterval("0 9,10 * * *", "UTC", now)).toBe(3600);
  });
});
