import { expect, failingNode, test, waitForFinish } from "./fixtures";

test("a rule made in the editor: a failing run rings the bell, which links to the run; the delivery shows in the dialog", async ({
  newUser: { api, page },
}) => {
  const composition = await (
    await api.post("/api/compositions", { data: { name: "Fragile", nodes: [failingNode("call")] } })
  ).json();
  await page.goto(`/compositions/${composition.compositionId}`);
  const bell = page.getByRole("banner").getByRole("button", { name: /^Notifications/ });
  await expect(bell).toHaveAccessibleName("Notifications");

  await page.getByRole("button", { name: "Notifications…" }).click();
  const dialog = page.getByRole("dialog", { name: "Notifications" });
  await expect(dialog.getByText("No rules yet")).toBeVisible();
  const form = dialog.getByRole("form", { name: "New notification rule" });
  await expect(form.getByRole("checkbox", { name: "fails", exact: true })).toBeChecked();
  await form.getByRole("button", { name: "Add rule" }).click();
  await expect(dialog.getByRole("listitem", { name: "Notification rule" })).toContainText(
    "When a run fails: your bell",
  );
  await page.keyboard.press("Escape");

  const { execution } = await (await api.post(`/api/compositions/${composition.id}/executions`)).json();
  expect((await waitForFinish(api, execution.id)).status).toBe("failed");
  // The bell asks every 30 s; a reload asks now.
  await expect(async () => {
    await page.reload();
    await expect(bell).toHaveAccessibleName("Notifications: 1 unread", { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await bell.click();
  const menu = page.getByRole("menu", { name: "Notifications" });
  await menu.getByRole("menuitem", { name: /Fragile failed/ }).click();
  await expect(page).toHaveURL(new RegExp(`/executions/${execution.id}$`));
  // Opening it read it: the bell counts it no more, here and for the API.
  await expect(bell).toHaveAccessibleName("Notifications");
  expect((await (await api.get("/api/notifications")).json()).unread).toBe(0);

  await page.goto(`/compositions/${composition.compositionId}`);
  await page.getByRole("button", { name: "Notifications…" }).click();
  await expect(dialog.getByRole("table", { name: "Deliveries" })).toContainText("delivered");
});
