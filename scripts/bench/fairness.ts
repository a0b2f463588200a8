// npm run bench:fairness — one user's heavy work beside another's light work, on the app as
// `npm start` runs it. User B runs the demo composition and previews a query on the sample
// warehouse, first alone, then while user A holds worker slots with six runs of a 60-s delay node and
// the warehouse's preview connections with three 30-s queries. Figures: B's median latencies under
// load as a ratio to B alone (the baseline, measured in the same run), and how many of B's previews
// were refused.
import { startAppForBench } from "@/lib/bench/app";
import { median, progress, report, round } from "@/lib/bench/report";
import { exitWithError } from "../cli";

const REPEATS = 5;
const DEMO = "comp_campaign_analysis_v1";

async function main() {
  const app = await startAppForBench({ port: 3191, postgresPort: 5591 });
  try {
    const a = await app.signUp();
    const b = await app.signUp();
    const { dataSources } = await b("GET", "/api/data-sources");
    const warehouse = (dataSources as { id: string; builtIn: boolean }[]).find((source) => source.builtIn)!;

    /** B's demo run from its start to its end, in ms. */
    const demoRun = async () => {
      const started = performance.now();
      const { execution } = await b("POST", `/api/compositions/${DEMO}/executions`, {});
      for (;;) {
        const run = await b("GET", `/api/executions/${execution.id}`);
        if (run.finishedAt) {
          if (run.status !== "completed") throw new Error(`B's demo run ${run.status}: ${run.error}`);
          return performance.now() - started;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    /** B's preview on the warehouse: its time in ms, or null when it was refused. */
    const preview = async () => {
      const started = performance.now();
      const answer = await fetch(`${app.baseUrl}/api/templates/preview`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: app.baseUrl, cookie: b.cookie },
        body: JSON.stringify({
          kind: "sql",
          dataSourceId: warehouse.id,
          definition: { sql: "SELECT count(*) AS campaigns FROM campaigns" },
        }),
      });
      await answer.arrayBuffer();
      return answer.ok ? performance.now() - started : null;
    };
    const measure = async () => {
      const runs: number[] = [];
      const previews: (number | null)[] = [];
      for (let i = 0; i < REPEATS; i++) {
        runs.push(await demoRun());
        previews.push(await preview());
      }
      return { runs, previews };
    };

    progress("warming up, then B alone");
    await demoRun();
    await preview();
    const alone = await measure();

    progress("A saturates: six runs of a 60-s delay, three 30-s previews");
    const slow = await a("POST", "/api/compositions", {
      name: "Slow",
      nodes: [{ nodeId: "wait", templateId: "delay", parameterOverrides: { milliseconds: 60_000 } }],
    });
    const heavy = [];
    for (let i = 0; i < 6; i++)
      heavy.push((await a("POST", `/api/compositions/${slow.id}/executions`, {})).execution.id as string);
    const holding = Array.from({ length: 3 }, () =>
      a("POST", "/api/templates/preview", {
        kind: "sql",
        dataSourceId: warehouse.id,
        definition: { sql: "SELECT pg_sleep(30) AS slept" },
      }).catch(() => null),
    );
    // Readiness: A's delays are running (as many as A may hold).
    for (;;) {
      const runs = await Promise.all(heavy.map((id) => a("GET", `/api/executions/${id}`)));
      if (runs.filter((run) => run.status === "running").length >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const loaded = await measure();

    const ok = (values: (number | null)[]) => values.filter((value): value is number => value !== null);
    const tag = { bench: "fairness", runs: REPEATS };
    report({
      ...tag,
      figure: "demo_run_under_load_over_alone",
      value: round(median(loaded.runs) / median(alone.runs)),
      unit: "x",
      target: 2,
      better: "lower",
      baseline: { name: "B's demo run alone, median ms", value: round(median(alone.runs)) },
    });
    report({ ...tag, figure: "demo_run_under_load_median", value: round(median(loaded.runs)), unit: "ms" });
    report({
      ...tag,
      figure: "preview_under_load_over_alone",
      value: round(median(ok(loaded.previews)) / median(ok(alone.previews))),
      unit: "x",
      target: 2,
      better: "lower",
      baseline: { name: "B's warehouse preview alone, median ms", value: round(median(ok(alone.previews))) },
    });
    report({
      ...tag,
      figure: "preview_refused_under_load",
      value: loaded.previews.length - ok(loaded.previews).length,
      unit: "previews",
      target: 0,
      better: "lower",
    });
    for (const id of heavy) await a("POST", `/api/executions/${id}/cancel`).catch(() => {});
    // A's queries end with the app (each would take 30 s more).
    void holding;
  } finally {
    await app.stop();
  }
}

main().catch(exitWithError);
