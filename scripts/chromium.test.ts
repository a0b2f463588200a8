import { chromium } from "@playwright/test";
import { afterEach, describe, expect, it } from "vitest";
import { chromiumArgs } from "@/lib/testing/chromium";
import { provisionChromium } from "./chromium.mjs";

describe("provisionChromium", () => {
  const before = process.env.CHROMIUM_PATH;
  afterEach(() => {
    process.env.CHROMIUM_PATH = before;
  });

  it("with no Chromium on the machine, provisions one from the package registry that renders a page", async () => {
    delete process.env.CHROMIUM_PATH;
    const said: string[] = [];
    const path = await provisionChromium({ system: [], log: (line: string) => said.push(line) });
    expect(said[0]).toBe("No Chromium found: trying Playwright's download…");
    expect(process.env.CHROMIUM_PATH).toBe(path);

    const browser = await chromium.launch({ executablePath: path, args: chromiumArgs });
    try {
      const page = await browser.newPage();
      await page.setContent("<label>Name <input value='QueryFlow'></label>");
      await expect(page.getByLabel("Name").inputValue()).resolves.toBe("QueryFlow");
    } finally {
      await browser.close();
    }
  }, 400_000);

  it("uses the Chromium that CHROMIUM_PATH names", async () => {
    process.env.CHROMIUM_PATH = process.execPath; // any existing file: only its existence is checked
    expect(await provisionChromium({ system: [], log: () => {} })).toBe(process.execPath);
  });
});
