import { expect, test } from "./fixtures";

test("backfill a schedule from the schedules page: every tick once, with progress; the runs are marked backfill", async ({
  newUser: { api, page },
}) => {
  const composition = await (
    await api.post("/api/compositions", {
      data: { name: "Ticker", nodes: [{ nodeId: "say", templateId: "echo" }] },
    })
  ).json();
  const created = await api.post("/api/schedules", {
    data: { compositionId: composition.id, cronExpression: "0 * * * *", isActive: false },
  });
  expect(created.status()).toBe(201);
  await page.goto("/schedules");
  const row = page.getByRole("row", { name: "Ticker" });
  await row.getByRole("button", { name: "Backfill…" }).click();
  const dialog = page.getByRole("dialog", { name: "Backfill" });
  // The browser's zone is UTC here: 00:00 to 05:00 on 2026-11-01 are six hourly ticks.
  await dialog.getByLabel("From").fill("2026-11-01T00:00");
  await dialog.getByLabel("To").fill("2026-11-01T05:00");
  await dialog.getByLabel("At a time").fill("2");
  await dialog.getByRole("button", { name: "Start" }).click();
  const item = dialog.getByRole("listitem", { name: "Backfill" });
  await expect(item).toContainText("completed", { timeout: 30_000 });
  await expect(item).toContainText("6 of 6 ticks done: 6 completed, 0 failed");
  await expect(item.getByRole("progressbar", { name: "Backfill progress" })).toHaveAttribute(
    "aria-valuenow",
    "6",
  );

  const runs = (await (await api.get(`/api/compositions/${composition.id}/executions?limit=50`)).json())
    .items;
  expect(runs).toHaveLength(6);
  expect(runs.every((run: { trigger: string }) => run.trigger === "backfill")).toBe(true);
  expect(runs.map((run: { scheduledFor: string }) => run.scheduledFor).sort()).toEqual(
    [0, 1, 2, 3, 4, 5].map((hour) => `2026-11-01T0${hour}:00:00.000Z`),
  );
});
