import { request } from "node:http";
import { expect, test } from "./fixtures";

test.describe("GET /api/health", () => {
  test("answers without sign-in that the app and its database are up", async ({ playwright, baseURL }) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    const response = await anonymous.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "up" });
    await anonymous.dispose();
  });
});

test.describe("connections", () => {
  test("a kept-alive connection stays open longer than the pools in front of the app keep theirs", async ({
    baseURL,
  }) => {
    const header = await new Promise<string | undefined>((resolve, reject) => {
      const req = request(`${baseURL}/api/health`, { headers: { connection: "keep-alive" } }, (res) => {
        res.resume();
        const keepAlive = res.headers["keep-alive"];
        resolve(Array.isArray(keepAlive) ? keepAlive[0] : keepAlive);
      });
      req.on("error", reject);
      req.end();
    });
    const seconds = Number(/timeout=(\d+)/.exec(header ?? "")?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(60);
  });
});
