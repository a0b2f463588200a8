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
