import type { Page } from "@playwright/test";
import { apiAs, expect } from "./fixtures";

// How the specs drive the composition editor, as a user would: the palette, handles and panels.

export const canvas = (page: Page) => page.getByRole("region", { name: "Composition canvas" });
export const node = (page: Page, nodeId: string) => page.locator(`.react-flow__node[data-id="${nodeId}"]`);
export const inspector = (page: Page) => page.getByRole("region", { name: "Inspector" });

/** Drags a template from the palette onto the canvas, `at` pixels from the canvas's top-left corner. */
export async function dropTemplate(page: Page, templateId: string, at: { x: number; y: number }) {
  await page.getByTestId(`palette-${templateId}`).dragTo(canvas(page), { targetPosition: at });
  await expect(node(page, templateId)).toBeVisible();
}

/** Draws a connection from one node's output handle to another's input handle, as a user would. */
export async function connect(page: Page, source: string, target: string) {
  const from = (await node(page, source).locator(".react-flow__handle.source").boundingBox())!;
  const to = (await node(page, target).locator(".react-flow__handle.target").boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
}

export const modifier = process.platform === "darwin" ? "Meta" : "Control";

/** A new account's composition made through the API, opened in the editor. */
export async function openOwn(page: Page, baseURL: string, document: object) {
  const api = await apiAs(baseURL);
  const created = await (await api.post("/api/compositions", { data: document })).json();
  await page.context().addCookies((await api.storageState()).cookies);
  await page.goto(`/compositions/${created.compositionId}`);
  await expect(canvas(page).locator(".react-flow__node").first()).toBeVisible();
  return { api, created };
}
