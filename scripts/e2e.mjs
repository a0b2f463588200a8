// The browser tests: a fresh embedded PostgreSQL under .data/e2e, the production build, Playwright.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { provisionChromium } from "./chromium.mjs";

rmSync(".data/e2e", { recursive: true, force: true });
await provisionChromium();
const result = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(result.status ?? 1);
