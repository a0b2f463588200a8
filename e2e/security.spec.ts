import type { APIRequestContext } from "@playwright/test";
import { inviteResponseSchema } from "../lib/auth/invite-schema";
import { adminApi, apiAs, expect, newPerson, signIn, submitSignUp, test, waitForFinish } from "./fixtures";

let alice: APIRequestContext;
let bob: APIRequestContext;

test.beforeAll(async ({ baseURL }) => {
  alice = await apiAs(baseURL!);
  bob = await apiAs(baseURL!);
});
test.afterAll(async () => {
  await alice.dispose();
  await bob.dispose();
});

async function createComposition(client: APIRequestContext, document: object) {
  const response = await client.post("/api/compositions", { data: document });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { id: string; compositionId: string };
}

test.describe("user code", () => {
  test("a runaway JSONata expression fails its node after 5 s while the server keeps answering", async () => {
    const composition = await createComposition(alice, {
      name: "Runaway expression",
      nodes: [
        {
          nodeId: "loop",
          templateId: "jsonata_transform",
          config: { maxRetries: 0 },
          parameterOverrides: { input: {}, expression: "($f := function(){ $f() }; $f())" },
        },
        { nodeId: "after", templateId: "echo" },
      ],
      connections: [{ connectionId: "e", sourceNodeId: "loop", targetNodeId: "after" }],
    });
    const started = await alice.post(`/api/compositions/${composition.id}/executions`, { data: {} });
    expect(started.status()).toBe(202);
    const { execution } = await started.json();

    // While the expression runs, other requests are answered promptly.
    for (let i = 0; i < 6; i++) {
      const before = Date.now();
      expect((await bob.get("/api/templates")).status()).toBe(200);
      expect(Date.now() - before).toBeLessThan(1_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const run = await waitForFinish(alice, execution.id);
    const byId = Object.fromEntries(run.nodes.map((node: { nodeId: string }) => [node.nodeId, node]));
    expect(run.status).toBe("failed");
    expect(byId.loop).toMatchObject({ status: "failed", error: "The expression ran longer than 5 s." });
    expect(byId.after.status).toBe("skipped");
  });
});

test.describe("cron expressions", () => {
  test("one that croner takes but cannot be described is a 400 naming cronExpression, and listing keeps working", async () => {
    for (const cronExpression of ["0 0 ? ? *", "0 0 * * +1", "0 0 * * 5#L"]) {
      const response = await alice.post("/api/schedules", {
        data: { compositionId: "comp_campaign_analysis_v1", cronExpression },
      });
      expect(response.status()).toBe(400);
      const { error } = await response.json();
      expect(error.issues[0].path).toEqual(["cronExpression"]);
    }
    expect((await alice.get("/api/schedules")).status()).toBe(200);
  });
});

test.describe("validation cost", () => {
  test("1,600 conditions of 10,000 characters are refused at once, and a deep sum is a finding, not a 500", async () => {
    const many = {
      name: "Heavy",
      nodes: Array.from({ length: 1_600 }, (_, i) => ({
        nodeId: `n${i}`,
        templateId: "echo",
        isConditional: true,
        conditionExpression: "1".repeat(10_000),
      })),
    };
    const before = Date.now();
    const refused = await alice.post("/api/compositions/validate", { data: many });
    expect(refused.status()).toBe(400);
    expect(Date.now() - before).toBeLessThan(5_000);

    const deep = await alice.post("/api/compositions/validate", {
      data: {
        name: "Deep",
        nodes: [
          { nodeId: "a", templateId: "echo" },
          {
            nodeId: "b",
            templateId: "echo",
            isConditional: true,
            conditionExpression: Array(900).fill("1").join("+"),
          },
        ],
        connections: [{ connectionId: "e", sourceNodeId: "a", targetNodeId: "b" }],
      },
    });
    expect(deep.status()).toBe(200);
  });
});

test.describe("requests", () => {
  test("a write from another origin is 403, a text/plain body 415, a NUL byte 400", async ({
    baseURL,
    playwright,
  }) => {
    const evil = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { origin: "https://evil.example" },
      storageState: await alice.storageState(),
    });
    const crossSite = await evil.post("/api/compositions", { data: { name: "CSRF" } });
    expect(crossSite.status()).toBe(403);
    expect((await crossSite.json()).error.code).toBe("forbidden");
    await evil.dispose();

    const plain = await alice.post("/api/compositions", {
      headers: { "content-type": "text/plain" },
      data: JSON.stringify({ name: "Simple request" }),
    });
    expect(plain.status()).toBe(415);
    expect((await plain.json()).error.code).toBe("unsupported_media_type");

    const nul = await alice.post("/api/compositions", { data: { name: "a\u0000b" } });
    expect(nul.status()).toBe(400);
    expect((await nul.json()).error.message).toMatch(/^Invalid request. name: contains a NUL character/);
  });

  test("malformed ids are 404 on every route that takes one", async () => {
    const dashes = "-".repeat(36);
    for (const path of [
      `/api/compositions/${dashes}`,
      `/api/executions/${dashes}`,
      `/api/schedules/${dashes}`,
      `/api/workflows/${dashes}`,
      `/api/executions/${dashes}/logs`,
    ]) {
      const response = await alice.get(path);
      expect(response.status(), path).toBe(404);
      expect((await response.json()).error.code).toBe("not_found");
    }
  });

  test("a taken composition id answers 409 without a word about whose it is", async () => {
    const hidden = await createComposition(bob, {
      name: "Bob's private plans",
      compositionId: `comp_taken_${Date.now()}`,
    });
    const response = await alice.post("/api/compositions", {
      data: { name: "Mine", compositionId: hidden.compositionId },
    });
    expect(response.status()).toBe(409);
    const { error } = await response.json();
    expect(error.message).toBe(`Composition id "${hidden.compositionId}" is already taken.`);
    expect(JSON.stringify(error)).not.toMatch(/Bob|private/);
  });

  test("a forged X-Forwarded-For does not change who the server thinks the client is", async ({
    baseURL,
    playwright,
  }) => {
    const forged = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: {
        origin: baseURL!,
        "x-forwarded-for": "203.0.113.77",
        "x-queryflow-client-ip": "203.0.113.78",
      },
    });
    expect((await forged.post("/api/auth/sign-up/email", { data: newPerson("forged") })).ok()).toBe(true);
    const sessions = await (await forged.get("/api/auth/list-sessions")).json();
    expect(sessions[0].ipAddress).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
    await forged.dispose();
  });
});

test.describe("headers", () => {
  test("pages carry a nonce CSP that forbids framing; every answer carries nosniff and a referrer policy", async ({
    request,
  }) => {
    const page = await request.get("/sign-in");
    const policy = page.headers()["content-security-policy"]!;
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(await page.text()).toContain(`nonce="${policy.match(/'nonce-([^']+)'/)![1]}"`);
    const api = await request.get("/api/templates");
    for (const response of [page, api]) {
      expect(response.headers()["x-content-type-options"]).toBe("nosniff");
      expect(response.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(response.headers()["x-frame-options"]).toBe("DENY");
    }
  });
});

test.describe("CSV export", () => {
  test("writes a cell that would be a spreadsheet formula as text", async () => {
    const composition = await createComposition(alice, {
      name: "Formula",
      nodes: [
        {
          nodeId: "say",
          templateId: "echo",
          parameterOverrides: { message: '=HYPERLINK("http://evil.example")' },
        },
      ],
    });
    const { execution } = await (
      await alice.post(`/api/compositions/${composition.id}/executions`, { data: {} })
    ).json();
    await waitForFinish(alice, execution.id);
    const csv = await (await alice.get(`/api/executions/${execution.id}/nodes/say/result.csv`)).text();
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });
});

test.describe("sign-in redirect", () => {
  test("follows next only within the app, in a real browser", async ({ page }) => {
    const person = newPerson("redirect");
    await page.goto("/sign-up");
    await submitSignUp(page, person);
    await expect(page).toHaveURL(/\/$/);
    await page.context().clearCookies();
    await page.goto("/sign-in?next=/%5Cevil.example");
    await signIn(page, person);
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/$/);
    await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  });
});

test.describe("invites", () => {
  test("an admin creates a link on /admin/invites; others cannot see the page or the API", async ({
    adminPage,
    baseURL,
  }) => {
    await adminPage.goto("/admin/invites");
    await expect(adminPage.getByRole("heading", { name: "Invites", level: 1 })).toBeVisible();
    await adminPage.getByLabel("Note (who it is for)").fill("Dana from marketing");
    await adminPage.getByRole("button", { name: "Create invite link" }).click();
    await expect(adminPage.getByLabel("Invite link")).toHaveValue(/\/sign-up\?invite=[\w-]{20,}$/);
    await expect(adminPage.getByRole("row", { name: /Dana from marketing/ })).toContainText("open");

    expect((await alice.post("/api/invites", { data: {} })).status()).toBe(403);
    expect((await alice.get("/admin/invites")).status()).toBe(404);
    const admin = await adminApi(baseURL!);
    const { invites } = await (await admin.get("/api/invites")).json();
    expect(inviteResponseSchema.parse(invites[0])).toMatchObject({
      note: "Dana from marketing",
      status: "open",
    });
    expect(JSON.stringify(invites)).not.toContain("invite=");
    await admin.dispose();
  });
});
