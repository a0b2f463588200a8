import { ADMIN, expect, newPerson, signIn, signUp, submitSignUp, test } from "./fixtures";

test.describe("sign-in", () => {
  test("an anonymous page redirects to sign-in, and signing up returns to it", async ({ page }) => {
    await page.goto("/templates");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Ftemplates$/);
    await page.getByRole("link", { name: "Create an account" }).click();
    await expect(page).toHaveURL(/\/sign-up\?next=%2Ftemplates$/);
    await submitSignUp(page, newPerson());
    await expect(page).toHaveURL(/\/templates$/);
    await expect(page.getByRole("heading", { name: "Templates", level: 1 })).toBeVisible();
  });

  test("sign up, sign out, then sign in again; a wrong password is refused", async ({ page }) => {
    const person = newPerson();
    await signUp(page, person);
    await page.getByLabel("Account").click();
    await expect(page.getByText(person.email)).toBeVisible();
    await expect(page.getByText("Admin", { exact: true })).toHaveCount(0);

    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page.getByText(`You are signed in as ${person.email}.`)).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);

    await page.goto("/compositions");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fcompositions$/);
    await signIn(page, { email: person.email, password: "not-my-password" });
    await expect(page.getByRole("form").getByRole("alert")).toContainText(/invalid email or password/i);
    await signIn(page, person);
    await expect(page).toHaveURL(/\/compositions$/);
  });

  test("an email already taken gets a clear error", async ({ page }) => {
    await page.goto("/sign-up");
    await submitSignUp(page, { name: "Someone", email: ADMIN.email, password: "another-password" });
    await expect(page.getByRole("form").getByRole("alert")).toContainText(/already exists/i);
  });

  test("the first account is the admin", async ({ adminPage }) => {
    await adminPage.goto("/compositions");
    await adminPage.getByLabel("Account").click();
    await expect(adminPage.getByText(ADMIN.email)).toBeVisible();
    await expect(adminPage.getByText("Admin", { exact: true })).toBeVisible();
  });

  test("the account menu closes on Escape and on a click outside it", async ({ adminPage }) => {
    await adminPage.goto("/compositions");
    const email = adminPage.getByText(ADMIN.email);
    await adminPage.getByLabel("Account").click();
    await expect(email).toBeVisible();
    await adminPage.keyboard.press("Escape");
    await expect(email).toBeHidden();
    await adminPage.getByLabel("Account").click();
    await expect(email).toBeVisible();
    await adminPage.getByRole("heading", { name: "Compositions", level: 1 }).click();
    await expect(email).toBeHidden();
  });
});

test.describe("GET /api/templates", () => {
  test("answers 401 in the error envelope without a session", async ({ request }) => {
    const response = await request.get("/api/templates");
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: "unauthorized", message: "Sign in to use the API." },
    });
  });

  test("answers the catalog with a session", async ({ adminPage }) => {
    const response = await adminPage.request.get("/api/templates");
    expect(response.status()).toBe(200);
    const { templates } = await response.json();
    expect(templates.map((t: { templateId: string }) => t.templateId)).toContain("top_campaigns");
  });
});

test.describe("unknown API routes", () => {
  test("answer 404 in the error envelope", async ({ request }) => {
    const response = await request.post("/api/no/such/thing");
    expect(response.status()).toBe(404);
    expect((await response.json()).error.code).toBe("not_found");
  });
});

test.describe("methods a route does not have", () => {
  test("answer 405 in the error envelope with the methods it has", async ({ request }) => {
    const response = await request.patch("/api/executions");
    expect(response.status()).toBe(405);
    expect(response.headers().allow).toBe("GET");
    expect((await response.json()).error).toEqual({
      code: "method_not_allowed",
      message: "PATCH is not allowed here: use GET.",
    });
  });
});
