/** One benchmark figure, printed as one JSON line on stdout (STYLE.md § Benchmarks). */
export interface Figure {
  bench: string;
  figure: string;
  value: number;
  unit: string;
  target?: number;
  better?: "lower" | "higher";
  baseline?: { name: string; value: number };
  /** How many measurements the value summarises. */
  runs?: number;
}

export function report(figure: Figure): void {
  process.stdout.write(`${JSON.stringify(figure)}\n`);
}

/** Progress for people; stderr, so stdout stays machine-readable. */
export function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** Times `run` after `warmup` untimed runs; returns each timed run's milliseconds. */
export async function timeRuns(runs: number, run: () => unknown, warmup = 3): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times;
}

/** Runs `work` while a 10-ms timer ticks: what it answered, and the event loop's longest tick meanwhile. */
export async function longestTickDuring<T>(
  work: () => Promise<T>,
): Promise<{ answer: T; longestMs: number }> {
  let longest = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    longest = Math.max(longest, performance.now() - last);
    last = performance.now();
  }, 10);
  try {
    return { answer: await work(), longestMs: longest };
  } finally {
    clearInterval(ticker);
  }
}
