import { node, openOwn } from "./canvas";
import { expect, test } from "./fixtures";

// React Flow copies every prop whose identity changed into its store on each render of the
// canvas, and every store update re-runs each edge's selectors: with a callback made anew per
// render, a drag frame costs three updates instead of one (measured at 1.72× a bare React Flow
// page's frame on 5,000 nodes). This counts the updates a drag makes, frame by frame.

declare global {
  interface Window {
    __flowUpdates: number;
    __at: (frame: number) => MouseEventInit;
  }
}

test("a drag frame updates React Flow's store exactly once", async ({ adminPage: page, baseURL }) => {
  await openOwn(page, baseURL!, {
    name: "Drag frame",
    nodes: [
      { nodeId: "a", templateId: "number_series", position: { x: 0, y: 0 } },
      { nodeId: "b", templateId: "number_series", position: { x: 400, y: 0 } },
    ],
    connections: [{ connectionId: "a-b", sourceNodeId: "a", targetNodeId: "b" }],
  });
  await expect(node(page, "b")).toBeVisible();
  // React Flow's store is the value of its context provider, above the canvas in React's tree.
  await page.evaluate(() => {
    const canvas = document.querySelector(".react-flow")!;
    const fiberKey = Object.keys(canvas).find((key) => key.startsWith("__reactFiber$"))!;
    type Fiber = { return: Fiber | null; memoizedProps?: { value?: unknown } };
    type Store = { subscribe: (listener: () => void) => void; getState: () => object };
    let fiber = (canvas as unknown as Record<string, Fiber>)[fiberKey] ?? null;
    while (fiber) {
      const value = fiber.memoizedProps?.value as Store | undefined;
      if (value && typeof value.subscribe === "function" && "nodeLookup" in value.getState()) {
        window.__flowUpdates = 0;
        value.subscribe(() => {
          window.__flowUpdates += 1;
        });
        return;
      }
      fiber = fiber.return;
    }
    throw new Error("React Flow's store was not found above the canvas.");
  });
  const box = (await node(page, "a").boundingBox())!;
  await page.evaluate(
    ({ x, y }) => {
      window.__at = (frame) => ({
        bubbles: true,
        view: window,
        button: 0,
        buttons: 1,
        clientX: x + frame * 4,
        clientY: y,
      });
      document
        .querySelector('.react-flow__node[data-id="a"]')!
        .dispatchEvent(new MouseEvent("mousedown", window.__at(0)));
    },
    { x: box.x + box.width / 2, y: box.y + box.height / 2 },
  );
  // The first moves start the drag (React Flow marks the node dragging, selects it): not counted.
  for (let frame = 1; frame <= 5; frame++)
    await page.evaluate((f) => document.dispatchEvent(new MouseEvent("mousemove", window.__at(f))), frame);
  const perFrame: number[] = [];
  for (let frame = 6; frame <= 25; frame++) {
    const before = await page.evaluate(() => window.__flowUpdates);
    await page.evaluate((f) => document.dispatchEvent(new MouseEvent("mousemove", window.__at(f))), frame);
    // A frame's updates land by the next animation frame (React renders, React Flow syncs its props).
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    perFrame.push((await page.evaluate(() => window.__flowUpdates)) - before);
  }
  await page.evaluate(() => document.dispatchEvent(new MouseEvent("mouseup", window.__at(25))));
  const moved = (await node(page, "a").boundingBox())!;
  expect(moved.x).toBeGreaterThan(box.x + 50);
  expect(perFrame).toEqual(Array(perFrame.length).fill(1));
});
