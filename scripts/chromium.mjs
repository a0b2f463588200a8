// A Chromium for the browser tests, without apt-get: the one named by CHROMIUM_PATH or installed on
// the system, else Playwright's own (downloaded now if its CDN can be reached), else the Chromium
// that the @sparticuz/chromium package carries from the npm registry. `npm test` calls this first;
// `node scripts/chromium.mjs` prints the path it settles on.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { chromium } from "@playwright/test";

export const SYSTEM_CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/**
 * The path of a Chromium to drive, provisioning one if there is none; also sets CHROMIUM_PATH so
 * that child processes (Vitest, Playwright) use the same one.
 */
export async function provisionChromium({ system = SYSTEM_CHROMIUM, log = console.log } = {}) {
  const named = [process.env.CHROMIUM_PATH, ...system].find(
    (candidate) => candidate && existsSync(candidate),
  );
  if (named) return use(named);
  if (existsSync(chromium.executablePath())) return use(chromium.executablePath());

  log("No Chromium found: trying Playwright's download…");
  const download = spawnSync("npx", ["playwright", "install", "chromium"], {
    stdio: "ignore",
    timeout: 300_000,
  });
  if (download.status === 0 && existsSync(chromium.executablePath())) return use(chromium.executablePath());

  log("Playwright's download is out of reach: unpacking Chromium from @sparticuz/chromium…");
  const { default: packaged } = await import("@sparticuz/chromium");
  return use(await packaged.executablePath());
}

function use(path) {
  process.env.CHROMIUM_PATH = path;
  return path;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(await provisionChromium());
}
