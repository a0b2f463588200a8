import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

/**
 * CHROMIUM_PATH or a system Chromium when present, else Playwright's own browser, else a message
 * saying how to get one (scripts/chromium.mjs provisions one without apt-get).
 */
export function chromiumExecutable(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  const system = candidates.find((candidate) => candidate && existsSync(candidate));
  if (system) return system;
  if (existsSync(chromium.executablePath())) return undefined;
  throw new Error(
    "No Chromium for the browser tests. `npm test` provisions one; on its own, run " +
      "`node scripts/chromium.mjs` and set CHROMIUM_PATH to the path it prints.",
  );
}

/** Flags for a headless Chromium in a container: no sandbox, GPU or background traffic. */
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];
