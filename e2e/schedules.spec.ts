import { randomUUID } from "node:crypto";
import { apiAs, expect, test } from "./fixtures";

test.describe("POST /api/schedules", () => {
  test("names the field of a bad cron expression or time zone, and refuses a composition that cannot run", async ({
    baseURL,
  }) => {
    const api = await apiAs(baseURL!);
    const ok = await (
      await api.post("/api/compositions", {
        data: { name: "Schedulable", nodes: [{ nodeId: "a", templateId: "echo" }] },
      })
    ).json();
    const bad = await (
      await api.post("/api/compositions", {
        data: { name: "Needs campaigns", nodes: [{ nodeId: "d", templateId: "campaign_daily_performance" }] },
      })
    ).json();

    const cron = await api.post("/api/schedules", {
      data: { compositionId: ok.id, cronExpression: "61 * * * *" },
    });
    expect(cron.status()).toBe(400);
    expect((await cron.json()).error.message).toMatch(
      /^Invalid request\. cronExpression: is not a cron expression/,
    );
    const zone = await api.post("/api/schedules", {
      data: { compositionId: ok.id, cronExpression: "0 9 * * *", timezone: "Mars/Olympus_Mons" },
    });
    expect(zone.status()).toBe(400);
    expect((await zone.json()).error.message).toMatch(/timezone: is not an IANA time zone/);
    const findings = await api.post("/api/schedules", {
      data: { compositionId: bad.id, cronExpression: "0 9 * * *" },
    });
    expect(findings.status()).toBe(422);
    expect((await findings.json()).error.issues[0].code).toBe("missing_required_parameter");
    const inactive = await api.post("/api/schedules", {
      data: { compositionId: bad.id, cronExpression: "0 9 * * *", isActive: false },
    });
    expect(inactive.status()).toBe(201);
    const activate = await api.patch(`/api/schedules/${(await inactive.json()).id}`, {
      data: { isActive: true },
    });
    expect(activate.status()).toBe(422);

    const created = await api.post("/api/schedules", {
      data: { compositionId: ok.compositionId, cronExpression: "0 9 * * 1-5", timezone: "Europe/Berlin" },
    });
    expect(created.status()).toBe(201);
    expect(await created.json()).toMatchObject({
      description: "At 09:00, Monday through Friday",
      isActive: true,
      nextRunAt: expect.stringMatching(/T0[78]:00:00\.000Z$/),
    });

    const stranger = await apiAs(baseURL!);
    const hidden = await stranger.post("/api/schedules", {
      data: { compositionId: ok.id, cronExpression: "0 9 * * *" },
    });
    expect(hidden.status()).toBe(404);
    const publicDemo = await stranger.post("/api/schedules", {
      data: { compositionId: "comp_campaign_analysis_v1", cronExpression: "0 9 * * *" },
    });
    expect(publicDemo.status()).toBe(403);
    await api.dispose();
    await stranger.dispose();
  });

  test("POST /api/schedules/preview describes the expression and lists the next five runs", async ({
    baseURL,
  }) => {
    const api = await apiAs(baseURL!);
    const response = await api.post("/api/schedules/preview", {
      data: { cronExpression: "*/15 * * * * *", timezone: "UTC" },
    });
    expect(response.status()).toBe(200);
    const preview = await response.json();
    expect(preview.description).toBe("Every 15 seconds");
    expect(preview.nextRuns).toHaveLength(5);
    const gaps = preview.nextRuns
      .slice(1)
      .map((run: string, i: number) => Date.parse(run) - Date.parse(preview.nextRuns[i]));
    expect(gaps).toEqual([15_000, 15_000, 15_000, 15_000]);
    await api.dispose();
  });
});

test.describe("schedules in the browser", () => {
  test("create a schedule from the editor, see its description and next runs, see a scheduled run, disable it", async ({
    baseURL,
    browser,
  }) => {
    const api = await apiAs(baseURL!);
    const name = `Ticking ${randomUUID().slice(0, 6)}`;
    const created = await (
      await api.post("/api/compositions", { data: { name, nodes: [{ nodeId: "a", templateId: "echo" }] } })
    ).json();
    const context = await browser.newContext({ storageState: await api.storageState() });
    const page = await context.newPage();
    await page.goto(`/compositions/${created.compositionId}`);
    await page.getByRole("button", { name: "Schedule…" }).click();
    const dialog = page.getByRole("dialog", { name: "Schedule" });
    await dialog.getByLabel("Cron expression").fill("0 9 * * 1-5");
    await dialog.getByLabel("Time zone").fill("UTC");
    const preview = dialog.getByRole("status", { name: "Schedule preview" });
    await expect(preview).toContainText("At 09:00, Monday through Friday");
    await expect(preview.getByRole("listitem")).toHaveCount(5);
    await dialog.getByLabel("Cron expression").fill("61 * * * *");
    await expect(preview).toContainText("minute");
    await expect(dialog.getByRole("button", { name: "Create schedule" })).toBeDisabled();

    await dialog.getByLabel("Cron expression").fill("*/2 * * * * *");
    await expect(preview).toContainText("Every 2 seconds");
    await dialog.getByRole("button", { name: "Create schedule" }).click();
    await expect(dialog.getByRole("status").last()).toContainText("Scheduled. Next run:");
    await dialog.getByRole("button", { name: "Close" }).click();
    // Opened again, the dialog lists the composition's schedules before another is made.
    await page.getByRole("button", { name: "Schedule…" }).click();
    const existing = dialog.getByRole("region", { name: "Existing schedules" });
    await expect(existing).toContainText("This composition has a schedule");
    await expect(existing).toContainText("*/2 * * * * * (UTC)");
    await dialog.getByRole("button", { name: "Close" }).click();

    await page.goto(`/executions?trigger=schedule&composition=${created.compositionId}`);
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole("table", { name: "Runs" })).toContainText("schedule");
    }).toPass({ timeout: 15_000 });

    await page.goto("/schedules");
    const row = page.getByRole("row", { name });
    await expect(row).toContainText("Every 2 seconds");
    await row.getByRole("switch", { name: "Active" }).click();
    await expect(row.getByRole("switch", { name: "Active" })).toHaveAttribute("aria-checked", "false");
    const runs = async () =>
      (await (await api.get(`/api/compositions/${created.id}/executions?trigger=schedule`)).json()).items
        .length;
    const atDisable = await runs();
    // Ticks go on meanwhile: a second composition on the same cron fires twice, and the paused one not once.
    const sentinel = await (
      await api.post("/api/compositions", {
        data: { name: `${name} sentinel`, nodes: [{ nodeId: "a", templateId: "echo" }] },
      })
    ).json();
    const ticking = await (
      await api.post("/api/schedules", {
        data: { compositionId: sentinel.id, cronExpression: "*/2 * * * * *", timezone: "UTC" },
      })
    ).json();
    await expect
      .poll(
        async () =>
          (await (await api.get(`/api/compositions/${sentinel.id}/executions?trigger=schedule`)).json()).items
            .length,
        { timeout: 30_000 },
      )
      .toBeGreaterThanOrEqual(2);
    expect(await runs()).toBe(atDisable);
    await api.delete(`/api/schedules/${ticking.id}`);
    await context.close();
    await api.dispose();
  });

  test("a schedule is edited in place from the schedules page: expression, zone and parameters", async ({
    baseURL,
    browser,
  }) => {
    const api = await apiAs(baseURL!);
    const name = `Editable ${randomUUID().slice(0, 6)}`;
    const created = await (
      await api.post("/api/compositions", {
        data: { name, globalParameters: { message: "hi" }, nodes: [{ nodeId: "a", templateId: "echo" }] },
      })
    ).json();
    const schedule = await (
      await api.post("/api/schedules", {
        data: { compositionId: created.id, cronExpression: "0 9 * * *", timezone: "UTC" },
      })
    ).json();
    const context = await browser.newContext({ storageState: await api.storageState() });
    const page = await context.newPage();
    await page.goto("/schedules");
    const row = page.getByRole("row", { name });
    await expect(row).toContainText("At 09:00");
    await row.getByRole("button", { name: "Edit…" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit schedule" });
    await expect(dialog.getByLabel("Cron expression")).toHaveValue("0 9 * * *");
    await dialog.getByLabel("Cron expression").fill("30 17 * * 1-5");
    await dialog.getByLabel("Time zone").fill("Europe/Berlin");
    await dialog.getByLabel("Schedule parameters").fill('{"message": "evening"}');
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(dialog.getByRole("status").last()).toContainText("Saved. Next run:");
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect(row).toContainText("At 17:30, Monday through Friday");

    const saved = await (await api.get(`/api/schedules/${schedule.id}`)).json();
    expect(saved).toMatchObject({
      cronExpression: "30 17 * * 1-5",
      timezone: "Europe/Berlin",
      parameters: { message: "evening" },
    });
    await context.close();
    await api.dispose();
  });

  test("typing a time zone a letter at a time never breaks the dialog; the zone is taken once it is real", async ({
    baseURL,
    browser,
  }) => {
    const api = await apiAs(baseURL!);
    const created = await (
      await api.post("/api/compositions", {
        data: { name: "Zones", nodes: [{ nodeId: "a", templateId: "echo" }] },
      })
    ).json();
    const context = await browser.newContext({ storageState: await api.storageState() });
    const page = await context.newPage();
    await page.goto(`/compositions/${created.compositionId}`);
    await page.getByRole("button", { name: "Schedule…" }).click();
    const dialog = page.getByRole("dialog", { name: "Schedule" });
    const zone = dialog.getByLabel("Time zone");
    await zone.fill("");
    await zone.pressSequentially("Europe/Berl");
    await expect(dialog.getByText("Pick a zone from the list")).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Create schedule" })).toBeDisabled();
    await zone.pressSequentially("in");
    const preview = dialog.getByRole("status", { name: "Schedule preview" });
    await expect(preview.getByRole("listitem").first()).toContainText("(Europe/Berlin)");
    await expect(dialog.getByRole("button", { name: "Create schedule" })).toBeEnabled();
    await context.close();
    await api.dispose();
  });
});
