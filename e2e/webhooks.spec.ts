import { createHmac } from "node:crypto";
import { request } from "@playwright/test";
import { expect, test, waitForFinish } from "./fixtures";

test("a signed webhook made in the editor starts a run from anywhere; bad signatures and parameters start nothing; off is 404", async ({
  newUser: { api, page },
  baseURL,
}) => {
  const composition = await (
    await api.post("/api/compositions", {
      data: {
        name: "Hooked",
        globalParameters: { message: "hello" },
        nodes: [{ nodeId: "say", templateId: "echo" }],
      },
    })
  ).json();
  await page.goto(`/compositions/${composition.compositionId}`);
  await page.getByRole("button", { name: "Webhooks…" }).click();
  const dialog = page.getByRole("dialog", { name: "Webhooks" });
  await expect(dialog.getByText("No webhooks yet.")).toBeVisible();
  await dialog.getByLabel("Require a signature").check();
  await dialog.getByRole("button", { name: "Add webhook" }).click();
  const secret = await dialog.getByLabel("Signing secret").inputValue();
  const url = await dialog.getByLabel("Webhook URL").inputValue();
  expect(url).toMatch(new RegExp(`^${baseURL}/api/hooks/[A-Za-z0-9_-]{32}$`));
  await expect(dialog.getByRole("listitem", { name: "Webhook" })).toContainText("signed");

  // Another tool: no cookies, another origin.
  const tool = await request.newContext({ extraHTTPHeaders: { origin: "https://elsewhere.example" } });
  const post = (body: string, signature?: string) =>
    tool.post(url, {
      data: body,
      headers: {
        "content-type": "application/json",
        ...(signature ? { "x-queryflow-signature": signature } : {}),
      },
    });
  const sign = (body: string) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
  const runsBefore = (await (await api.get(`/api/compositions/${composition.id}/executions`)).json()).items
    .length;
  try {
    const good = '{"message": "from elsewhere"}';
    expect((await post(good)).status()).toBe(401);
    expect((await post(good, sign(`${good} `))).status()).toBe(401);
    const wrongType = '{"message": 42}';
    expect((await post(wrongType, sign(wrongType))).status()).toBe(400);
    const unknown = '{"colour": "blue"}';
    const refused = await post(unknown, sign(unknown));
    expect(refused.status()).toBe(400);
    expect((await refused.json()).error.message).toBe(
      'Unknown run parameter "colour": this run takes "message".',
    );
    const runsNow = (await (await api.get(`/api/compositions/${composition.id}/executions`)).json()).items;
    expect(runsNow).toHaveLength(runsBefore);

    const started = await post(good, sign(good));
    expect(started.status()).toBe(202);
    const { execution } = await started.json();
    const run = await waitForFinish(api, execution.id);
    expect(run).toMatchObject({ status: "completed", trigger: "webhook" });
    const result = await (await api.get(`/api/executions/${execution.id}/nodes/say/result`)).json();
    expect(JSON.stringify(result)).toContain("from elsewhere");

    // Switched off in the dialog, the URL answers 404; on again, it works.
    await page.reload();
    await page.getByRole("button", { name: "Webhooks…" }).click();
    await expect(dialog.getByText(/last called/)).not.toContainText("never");
    await dialog.getByRole("button", { name: "Switch off" }).click();
    await expect(dialog.getByRole("listitem", { name: "Webhook" })).toContainText("off: its URL answers 404");
    await expect(async () => expect((await post(good, sign(good))).status()).toBe(404)).toPass();
    await dialog.getByRole("button", { name: "Switch on" }).click();
    await expect(async () => expect((await post(good, sign(good))).status()).toBe(202)).toPass();
    await dialog.getByRole("button", { name: "Delete" }).click();
    await expect(dialog.getByText("No webhooks yet.")).toBeVisible();
    expect((await post(good, sign(good))).status()).toBe(404);
  } finally {
    await tool.dispose();
  }
});

test("a workflow's webhook starts its run from anywhere: 202 with the run, which then completes", async ({
  newUser: { api },
}) => {
  const workflow = await (
    await api.post("/api/workflows", {
      data: { name: "Hooked workflow", templateId: "echo", parameters: { message: "saved" } },
    })
  ).json();
  const { trigger } = await (await api.post(`/api/workflows/${workflow.id}/triggers`, { data: {} })).json();
  const tool = await request.newContext({ extraHTTPHeaders: { origin: "https://elsewhere.example" } });
  try {
    const started = await tool.post(trigger.url, { data: { message: "from a hook" } });
    expect(started.status()).toBe(202);
    // A workflow's run is one node execution: it starts queued.
    const { execution } = await started.json();
    expect(execution).toMatchObject({ id: expect.any(String), status: "queued" });
    const statusOf = async () =>
      (await (await api.get(`/api/workflows/${workflow.id}/executions`)).json()).items.find(
        (run: { id: string }) => run.id === execution.id,
      )?.status;
    await expect.poll(statusOf, { timeout: 30_000 }).toBe("completed");
  } finally {
    await tool.dispose();
  }
});
