import { type Browser, type BrowserContext, chromium, type Page } from "@playwright/test";
import { chromiumArgs } from "@/lib/testing/chromium";
import { provisionChromium } from "@/scripts/chromium.mjs";
import { startAppForBench } from "./app";
import { median, progress, report, round } from "./report";

/**
 * Headless Chromium with unthrottled frames: with vsync a frame can never be shorter than 16.7 ms,
 * so the interval between frames would measure the display, not our rendering work.
 */
/** Chromium for a benchmark: found or provisioned as `npm test` does (scripts/chromium.mjs). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: await provisionChromium({ log: progress }),
    args: [...chromiumArgs, "--disable-gpu-vsync", "--disable-frame-rate-limit"],
  });
}

type BenchApp = Awaited<ReturnType<typeof startAppForBench>>;

/** Runs `measure` against the app on these ports in Chromium; stops both whatever fails, launch included. */
export async function withAppInBrowser(
  ports: { port: number; postgresPort: number },
  measure: (app: BenchApp, browser: Browser) => Promise<void>,
) {
  const app = await startAppForBench(ports);
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    await measure(app, browser);
  } finally {
    await browser?.close();
    await app.stop();
  }
}

/** A page signed in with a session cookie header (as `startAppForBench().signUp()` returns it). */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  cookie: string,
  viewport = { width: 1600, height: 1000 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport });
  await context.addCookies(
    cookie.split("; ").map((pair) => {
      const [name, ...value] = pair.split("=");
      return { name: name!, value: value.join("="), url: baseUrl };
    }),
  );
  return { context, page: await context.newPage() };
}

/**
 * Runs `step` (the source of a JavaScript function `(frame) => void`, evaluated in the page) once
 * per animation frame for `ms`, and returns each frame's duration. A string, not a function: the
 * helpers tsx adds to transpiled functions do not exist in the page.
 */
export async function recordFrames(page: Page, step: string, ms: number): Promise<number[]> {
  return page.evaluate<number[]>(`new Promise((resolve) => {
    const step = ${step};
    const frames = [];
    const start = performance.now();
    let last = start;
    let frame = 0;
    const tick = (now) => {
      frames.push(now - last);
      last = now;
      frame += 1;
      if (now - start > ${ms}) return resolve(frames.slice(1));
      step(frame);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })`);
}

export const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

/** Reports `<name>_median` (against `target`, when given) and `<name>_p95` of some frame times. */
export function reportFrames(bench: string, name: string, frames: number[], target?: number) {
  report({
    bench,
    figure: `${name}_median`,
    value: round(median(frames)),
    unit: "ms",
    ...(target ? { target, better: "lower" as const } : {}),
    runs: frames.length,
  });
  report({
    bench,
    figure: `${name}_p95`,
    value: round(percentile(frames, 0.95)),
    unit: "ms",
    runs: frames.length,
  });
}
