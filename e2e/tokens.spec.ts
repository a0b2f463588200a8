import { request } from "@playwright/test";
import { expect, test } from "./fixtures";

const DEMO = "comp_campaign_analysis_v1";

test("an API token: made on the account page, shown once, cut to its scope, noted when used, revoked at once", async ({
  newUser: { page },
  baseURL,
}) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Account" }).click();
  await page.getByRole("menuitem", { name: "Account and API tokens" }).click();
  await expect(page.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();
  await expect(page.getByText("No API tokens yet.")).toBeVisible();

  const form = page.getByRole("form", { name: "New API token" });
  await form.getByLabel("Name").fill("Report script");
  await form.getByLabel("Scope").selectOption("read");
  await form.getByRole("button", { name: "Create token" }).click();
  const secret = await form.getByLabel("API token").inputValue();
  expect(secret).toMatch(/^qf_/);
  const row = page.getByRole("row").filter({ hasText: "Report script" });
  await expect(row).toContainText(`${secret.slice(0, 9)}…`);
  await expect(row.getByRole("cell").nth(5)).toHaveText("never");

  // No cookies: only the token.
  const script = await request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${secret}` },
  });
  try {
    expect((await script.get("/api/compositions")).status()).toBe(200);
    const run = await script.post(`/api/compositions/${DEMO}/executions`);
    expect(run.status()).toBe(403);
    expect((await run.json()).error.message).toBe(
      'This API token may read; this request needs the "run" scope.',
    );
    // A token cannot mint or list tokens.
    expect((await script.post("/api/tokens", { data: { name: "more", scopes: ["write"] } })).status()).toBe(
      403,
    );
    expect((await script.get("/api/tokens")).status()).toBe(403);

    await page.reload();
    await expect(row.getByRole("cell").nth(5)).not.toHaveText("never");

    await row.getByRole("button", { name: "Revoke Report script" }).click();
    await expect(row).toHaveCount(0);
    const revoked = await script.get("/api/compositions");
    expect(revoked.status()).toBe(401);
    expect((await revoked.json()).error.message).toMatch(/^The API token is not valid/);
  } finally {
    await script.dispose();
  }
});

test("a run token starts a run from a script, with the api trigger; a bad token is 401", async ({
  newUser: { api },
  baseURL,
}) => {
  const { secret } = await (await api.post("/api/tokens", { data: { name: "CI", scopes: ["run"] } })).json();
  const script = await request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${secret}` },
  });
  const stranger = await request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: "Bearer qf_nope" },
  });
  try {
    const started = await script.post(`/api/compositions/${DEMO}/executions`, { data: { parameters: {} } });
    expect(started.status()).toBe(202);
    const { execution } = await started.json();
    const read = await (await script.get(`/api/executions/${execution.id}`)).json();
    expect(read.trigger).toBe("api");
    // Run scope does not write.
    expect((await script.post("/api/compositions", { data: { name: "Nope" } })).status()).toBe(403);
    expect((await stranger.get("/api/compositions")).status()).toBe(401);
  } finally {
    await script.dispose();
    await stranger.dispose();
  }
});

test("a read token changes nothing: no test call that is not a GET, no notifications marked read", async ({
  newUser: { api },
  baseURL,
}) => {
  const { secret } = await (
    await api.post("/api/tokens", { data: { name: "Reader", scopes: ["read"] } })
  ).json();
  const script = await request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${secret}` },
  });
  try {
    const call = (method: string) =>
      script.post("/api/templates/preview", {
        data: { kind: "http", definition: { method, url: "http://127.0.0.1:9/" }, values: {} },
      });
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const refused = await call(method);
      expect(refused.status(), method).toBe(403);
      expect((await refused.json()).error.message).toContain("a test call that is not a GET");
    }
    // A GET is a read: it is tried (and fails here, on a closed port, as a 422 naming the call).
    expect((await call("GET")).status()).not.toBe(403);
    const marked = await script.post("/api/notifications/read", { data: {} });
    expect(marked.status()).toBe(403);
    expect((await script.get("/api/notifications")).status()).toBe(200);
  } finally {
    await script.dispose();
  }
});
