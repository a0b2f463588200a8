// npm run bench:sandbox — what isolating user expressions costs and what it buys: one JSONata
// evaluation in the sandbox process beside the same evaluation on the event loop, and the event loop's
// longest stall while a runaway expression runs in the sandbox.
import jsonata from "jsonata";
import { longestTickDuring, median, progress, report, round, timeRuns } from "@/lib/bench/report";
import { closeSandbox, evaluateExpression } from "@/lib/sandbox/evaluate";
import { exitWithError } from "../cli";

const RUNS = 200;
// The demo's summary, roughly: totals over 90 daily rows and the top products.
const expression = "{ 'spend': $sum(rows.spend), 'clicks': $sum(rows.clicks), 'best': rows[spend > 50].day }";
const input = {
  rows: Array.from({ length: 90 }, (_, day) => ({ day, spend: (day * 7) % 100, clicks: day * 3 })),
};

async function main() {
  progress(`evaluating one expression ${RUNS} times in the sandbox and on the event loop`);
  const sandboxed = median(await timeRuns(RUNS, () => evaluateExpression(expression, input), 10));
  const inline = median(await timeRuns(RUNS, () => jsonata(expression).evaluate(input), 10));
  report({
    bench: "sandbox",
    figure: "evaluation_median",
    value: round(sandboxed, 3),
    unit: "ms",
    better: "lower",
    baseline: { name: "jsonata_on_event_loop", value: round(inline, 3) },
    runs: RUNS,
  });

  progress("running ($f := function(){ $f() }; $f()) while timing the event loop");
  const started = performance.now();
  const { longestMs: longest } = await longestTickDuring(() =>
    evaluateExpression("($f := function(){ $f() }; $f())", {}).catch(() => {}),
  );
  const stoppedAfter = performance.now() - started;
  report({ bench: "sandbox", figure: "runaway_stopped_after", value: round(stoppedAfter, 0), unit: "ms" });
  report({
    bench: "sandbox",
    figure: "event_loop_longest_tick_during_runaway",
    value: round(longest, 1),
    unit: "ms",
    better: "lower",
    baseline: { name: "timer_interval", value: 10 },
  });
  await closeSandbox();
}

main().catch(exitWithError);
