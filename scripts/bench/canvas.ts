// npm run bench:canvas — the editor with a 1,000-node / 1,500-edge composition in real Chromium:
// time until the canvas is interactive, and frame times while dragging a node for 2 s.
import { chromium, type Page } from "@playwright/test";
import { startAppForBench } from "@/lib/bench/app";
import { generateComposition } from "@/lib/bench/generate";
import { median, progress, report, round } from "@/lib/bench/report";
import { chromiumArgs, chromiumExecutable } from "@/lib/testing/chromium";

const OPENS = 5;
const DRAG_MS = 2_000;

/** 1,000 echo nodes; every node's first feed, then second feeds until there are 1,500 edges. */
function composition() {
  const generated = generateComposition(1_000);
  const first = generated.connections.filter((c) => c.fieldMappings && "message" in c.fieldMappings);
  const second = generated.connections.filter((c) => c.fieldMappings && "value" in c.fieldMappings);
  return { ...generated, name: "Canvas bench", connections: [...first, ...second].slice(0, 1_500) };
}

/** From navigation to the first click on a node being answered by the inspector. */
async function timeToInteractive(page: Page, url: string): Promise<number> {
  const start = Date.now();
  await page.goto(url, { waitUntil: "commit" });
  const committed = Date.now() - start;
  await page.locator('.react-flow__node[data-id="n0"]').waitFor();
  const drawn = Date.now() - start;
  await page.locator('.react-flow__node[data-id="n0"]').click();
  await page.getByRole("group", { name: "Node n0" }).waitFor();
  progress(`  first byte ${committed} ms, nodes drawn ${drawn} ms`);
  return Date.now() - start;
}

/**
 * Drags a node for DRAG_MS, one pointer move per frame, from inside the page (a move per round
 * trip from this process would pace the frames instead), and returns each frame's duration.
 */
async function dragFrames(page: Page): Promise<number[]> {
  // A string, not a function: tsx's transpiled helpers do not exist in the page.
  const { frames, moved } = await page.evaluate<{
    frames: number[];
    moved: boolean;
  }>(`new Promise((resolve) => {
    const node = document.querySelector('.react-flow__node[data-id="n0"]');
    const before = node.style.transform;
    const box = node.getBoundingClientRect();
    const at = (step) => ({
      bubbles: true, cancelable: true, view: window, button: 0, buttons: 1,
      clientX: box.x + box.width / 2 + 150 * Math.sin(step / 20),
      clientY: box.y + box.height / 2 + 80 * Math.cos(step / 20) - 80,
    });
    node.dispatchEvent(new MouseEvent("mousedown", at(0)));
    const frames = [];
    const start = performance.now();
    let last = start;
    let step = 0;
    const tick = (now) => {
      frames.push(now - last);
      last = now;
      step += 1;
      if (now - start > ${DRAG_MS}) {
        const moved = document.querySelector('.react-flow__node[data-id="n0"]')?.style.transform !== before;
        document.dispatchEvent(new MouseEvent("mouseup", at(step)));
        return resolve({ frames: frames.slice(1), moved });
      }
      document.dispatchEvent(new MouseEvent("mousemove", at(step)));
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })`);
  if (!moved) throw new Error("The node did not move: the drag was not measured.");
  return frames;
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

async function main() {
  const app = await startAppForBench({ port: 3120, postgresPort: 5520 });
  // Unthrottled frames: with vsync a frame can never be shorter than 16.7 ms, so the rAF interval
  // would measure the display, not our rendering work.
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: [...chromiumArgs, "--disable-gpu-vsync", "--disable-frame-rate-limit"],
  });
  try {
    const api = await app.signUp();
    const created = await api("POST", "/api/compositions", composition());
    progress(
      `composition ${created.compositionId}: ${created.nodes.length} nodes, ${created.connections.length} edges`,
    );
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    await context.addCookies(
      api.cookie.split("; ").map((pair) => {
        const [name, ...value] = pair.split("=");
        return { name: name!, value: value.join("="), url: app.baseUrl };
      }),
    );
    const page = await context.newPage();
    const url = `${app.baseUrl}/compositions/${created.compositionId}`;
    await timeToInteractive(page, url); // warm-up: server caches, code chunks
    const opens: number[] = [];
    for (let i = 0; i < OPENS; i++) {
      opens.push(await timeToInteractive(page, url));
      progress(`open ${i + 1}/${OPENS}: ${opens.at(-1)} ms`);
    }
    report({
      bench: "canvas",
      figure: "open_1000_nodes_interactive_median",
      value: median(opens),
      unit: "ms",
      target: 2000,
      better: "lower",
      runs: OPENS,
    });

    const drawn = await page.locator(".react-flow__node").count();
    const edgesDrawn = await page.locator(".react-flow__edge").count();
    progress(`drawn in the first view: ${drawn} nodes, ${edgesDrawn} edges`);
    // Where a drag frame's time goes (script, style, layout), from Chromium's own counters.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    const counters = async () =>
      Object.fromEntries(
        (await cdp.send("Performance.getMetrics")).metrics.map((metric) => [metric.name, metric.value]),
      );
    const start = await counters();
    const frames = await dragFrames(page);
    const end = await counters();
    const perFrame = (name: string) => round(((end[name]! - start[name]!) * 1000) / frames.length);
    progress(
      `per drag frame: script ${perFrame("ScriptDuration")} ms, style ${perFrame("RecalcStyleDuration")} ms, layout ${perFrame("LayoutDuration")} ms, all tasks ${perFrame("TaskDuration")} ms`,
    );
    progress(`dragging: ${frames.length} frames in ${DRAG_MS} ms`);
    for (const [figure, value, target] of [
      ["drag_frame_median", median(frames), 16],
      ["drag_frame_p95", percentile(frames, 0.95), undefined],
    ] as const) {
      report({
        bench: "canvas",
        figure,
        value: round(value),
        unit: "ms",
        ...(target ? { target, better: "lower" as const } : {}),
        runs: frames.length,
      });
    }
  } finally {
    await browser.close();
    await app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
