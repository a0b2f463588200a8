import { afterAll, describe, expect, it } from "vitest";
import { closeSandbox, ExpressionError, evaluateExpression } from "./evaluate";

afterAll(closeSandbox);

describe("evaluateExpression", () => {
  it("evaluates an expression over its input off the main thread", async () => {
    await expect(
      evaluateExpression("$sum(rows.spend)", { rows: [{ spend: 2 }, { spend: 3 }] }),
    ).resolves.toBe(5);
  });

  it("answers null for an expression with no value", async () => {
    await expect(evaluateExpression("missing", {})).resolves.toBeNull();
  });

  it("stops an endless recursion after 5 s while the main thread stays free", async () => {
    const started = Date.now();
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 100);
    const evaluation = evaluateExpression("($f := function(){ $f() }; $f())", {});
    await expect(evaluation).rejects.toThrow("The expression ran longer than 5 s.");
    clearInterval(ticker);
    expect(Date.now() - started).toBeLessThan(8_000);
    // The timer kept firing while the expression ran: the event loop was never blocked.
    expect(ticks).toBeGreaterThan(30);
  }, 15_000);

  it("stops an expression that allocates without bound", async () => {
    const evaluation = evaluateExpression("($f := function($a){ $f($append($a, $a)) }; $f([1, 2, 3]))", {});
    await expect(evaluation).rejects.toBeInstanceOf(ExpressionError);
    await expect(evaluateExpression("1 + 1", {})).resolves.toBe(2);
  }, 15_000);

  it("reports a failing expression with jsonata's message", async () => {
    await expect(evaluateExpression("$number('x')", {})).rejects.toThrow(/The expression failed: .*number/i);
  });

  it("stops at once when its caller aborts", async () => {
    const controller = new AbortController();
    const evaluation = evaluateExpression("($f := function(){ $f() }; $f())", {}, controller.signal);
    setTimeout(() => controller.abort(new Error("cancelled")), 200);
    await expect(evaluation).rejects.toThrow("cancelled");
  });

  it("keeps serving after a thread was terminated", async () => {
    await expect(evaluateExpression("1 + 1", {})).resolves.toBe(2);
  });
});
