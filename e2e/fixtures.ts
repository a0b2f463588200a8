import { randomUUID } from "node:crypto";
import { type APIRequestContext, test as base, expect, type Page, request } from "@playwright/test";

export const ADMIN = { name: "Ada Admin", email: "ada.admin@example.com", password: "correct-horse-battery" };
export const ADMIN_STATE = ".data/e2e/admin.json";

export function newPerson(prefix = "user") {
  const id = randomUUID().slice(0, 8);
  return { name: `${prefix} ${id}`, email: `${prefix}.${id}@example.com`, password: `pw-${id}-long-enough` };
}

type Person = { name: string; email: string; password: string };

/** Fills and submits the sign-up form on the current page. */
export async function submitSignUp(page: Page, person: Person) {
  await page.getByLabel("Name").fill(person.name);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

export async function signUp(page: Page, person: Person) {
  await page.goto("/sign-up");
  await submitSignUp(page, person);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
}

export async function signIn(page: Page, person: { email: string; password: string }) {
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** A page signed in as the first account (the admin), created by the global setup. */
export const test = base.extend<{ adminPage: Page; newUser: { api: APIRequestContext; page: Page } }>({
  adminPage: async ({ browser }, use) => {
    const context = await browser.newContext({ storageState: ADMIN_STATE });
    const page = await context.newPage();
    await use(page);
    await context.close();
  },
  /** A new account: its API client, and a page signed in as it. */
  newUser: async ({ browser, baseURL }, use) => {
    const api = await apiAs(baseURL!);
    const context = await browser.newContext({ storageState: await api.storageState() });
    await use({ api, page: await context.newPage() });
    await context.close();
    await api.dispose();
  },
});

export { expect };

/** An API client signed in as a new account (or as `person`, signing up first). */
export async function apiAs(baseURL: string, person = newPerson("api")): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const response = await context.post("/api/auth/sign-up/email", { data: person });
  if (!response.ok()) throw new Error(`sign-up failed: ${response.status()} ${await response.text()}`);
  return context;
}

/** An API client signed in as the admin (the first account). */
export function adminApi(baseURL: string): Promise<APIRequestContext> {
  return request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL }, storageState: ADMIN_STATE });
}

/** A node that fails at once, without retries: HTTP to a loopback address is refused. */
export const failingNode = (nodeId: string) => ({
  nodeId,
  templateId: "http_request",
  config: { maxRetries: 0 },
  parameterOverrides: { url: "http://127.0.0.1:9/" },
});

/** Polls a run until it has finished, then returns it as GET /api/executions/:id answers. */
export async function waitForFinish(client: APIRequestContext, executionId: string) {
  await expect
    .poll(async () => (await (await client.get(`/api/executions/${executionId}`)).json()).status, {
      timeout: 30_000,
    })
    .not.toMatch(/pending|running/);
  return (await client.get(`/api/executions/${executionId}`)).json();
}
