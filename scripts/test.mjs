// npm test — typecheck, lint, unit and database tests (Vitest), browser tests (Playwright). Stops at
// the first failing step, and ends with each runner's counts and one "N passed, N failed" line.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { provisionChromium } from "./chromium.mjs";

const steps = [
  ["typecheck", "npx", ["tsc", "--noEmit"]],
  ["lint", "npm", ["run", "--silent", "lint"]], // Biome, then jscpd (copy-paste outside tests and data)
  [
    "vitest",
    "npx",
    ["vitest", "run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json"],
  ],
  ["playwright", "node", ["scripts/e2e.mjs"]],
];

rmSync("test-results", { recursive: true, force: true });
// Vitest (the outage test) and Playwright drive a real browser: find or provision it once, here.
console.log(`▶ chromium: ${await provisionChromium()}`);
let failedStep;
for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  const { status } = spawnSync(command, args, { stdio: "inherit" });
  if (status !== 0) {
    failedStep = name;
    break;
  }
}

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined;
}
const vitest = readJson("test-results/vitest.json");
const playwright = readJson("test-results/e2e.json");
const counts = [
  vitest && { name: "vitest", passed: vitest.numPassedTests, failed: vitest.numFailedTests },
  playwright && {
    name: "playwright",
    passed: playwright.stats.expected + playwright.stats.flaky,
    failed: playwright.stats.unexpected,
  },
].filter(Boolean);

const unhandled = "test-results/unhandled-errors.txt";
if (existsSync(unhandled))
  console.log(`\nUnhandled errors during the tests:\n${readFileSync(unhandled, "utf8")}`);

console.log("");
for (const { name, passed, failed } of counts) console.log(`${name}: ${passed} passed, ${failed} failed`);
const passed = counts.reduce((sum, count) => sum + count.passed, 0);
const failed =
  counts.reduce((sum, count) => sum + count.failed, 0) +
  (failedStep && !counts.some((c) => c.failed) ? 1 : 0);
if (failedStep) console.log(`npm test stopped at: ${failedStep}`);
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(failedStep ? 1 : 0);
