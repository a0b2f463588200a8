// npm run bench:load — bursts on the app as `npm start` runs it (one web process with its in-process
// worker, embedded PostgreSQL): 200 and 1,000 concurrent run starts and 500 concurrent list reads. Per
// burst: answers by status (the target is no 5xx), p50/p99 latency beside the same request made alone,
// runs completed afterwards, and the web process's memory before and after.
import { startAppForBench } from "@/lib/bench/app";
import { percentile } from "@/lib/bench/browser";
import { median, progress, report, round } from "@/lib/bench/report";
import { exitWithError } from "../cli";

type Answer = { status: number; ms: number; body: Record<string, unknown> };

async function main() {
  // Quotas raised: this measures what a burst does to the server, not the per-user limits.
  const app = await startAppForBench({
    port: 3150,
    postgresPort: 5560,
    env: { RUNS_PER_USER: "100000", RUNS_PER_COMPOSITION: "100000" },
  });
  try {
    const api = await app.signUp();
    const composition = await api("POST", "/api/compositions", {
      name: "Burst target",
      nodes: [
        { nodeId: "a", templateId: "echo" },
        { nodeId: "b", templateId: "echo" },
      ],
      connections: [{ connectionId: "e", sourceNodeId: "a", targetNodeId: "b" }],
    });
    const send = async (method: string, path: string, body?: unknown): Promise<Answer> => {
      const started = performance.now();
      const response = await fetch(`${app.baseUrl}${path}`, {
        method,
        headers: { "content-type": "application/json", origin: app.baseUrl, cookie: api.cookie },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      return { status: response.status, ms: performance.now() - started, body: json };
    };
    const start = () => send("POST", `/api/compositions/${composition.id}/executions`, { parameters: {} });
    const list = () => send("GET", `/api/compositions/${composition.id}/executions?limit=50`);

    progress("baseline: 20 run starts and 20 list reads, one at a time");
    const alone = { start: [] as number[], list: [] as number[] };
    const started: string[] = [];
    for (let i = 0; i < 20; i++) {
      const answer = await start();
      alone.start.push(answer.ms);
      started.push((answer.body.execution as { id: string }).id);
      alone.list.push((await list()).ms);
    }

    for (const [name, count, request, baseline] of [
      ["start200", 200, start, alone.start],
      ["start1000", 1000, start, alone.start],
      ["list500", 500, list, alone.list],
    ] as const) {
      const rssBefore = app.webRssMb();
      progress(`${name}: ${count} concurrent requests`);
      const answers = await Promise.all(Array.from({ length: count }, () => request()));
      const rssAfter = app.webRssMb();
      const byStatus: Record<string, number> = {};
      for (const answer of answers) byStatus[answer.status] = (byStatus[answer.status] ?? 0) + 1;
      for (const answer of answers) {
        const execution = answer.body.execution as { id: string } | undefined;
        if (execution) started.push(execution.id);
      }
      const times = answers.map((answer) => answer.ms);
      const fivexx = answers.filter((answer) => answer.status >= 500).length;
      report({
        bench: "load",
        figure: `${name}_5xx`,
        value: fivexx,
        unit: "responses",
        target: 0,
        better: "lower",
        runs: count,
      });
      report({
        bench: "load",
        figure: `${name}_2xx`,
        value: answers.filter((a) => a.status < 300).length,
        unit: "responses",
        runs: count,
      });
      progress(`${name}: statuses ${JSON.stringify(byStatus)}`);
      report({
        bench: "load",
        figure: `${name}_p50`,
        value: round(median(times)),
        unit: "ms",
        better: "lower",
        baseline: { name: "one_request_alone_p50", value: round(median(baseline)) },
        runs: count,
      });
      report({
        bench: "load",
        figure: `${name}_p99`,
        value: round(percentile(times, 0.99)),
        unit: "ms",
        better: "lower",
        runs: count,
      });
      report({
        bench: "load",
        figure: `${name}_web_rss_growth`,
        value: round(rssAfter - rssBefore, 1),
        unit: "MB",
        baseline: { name: "web_rss_before", value: round(rssBefore, 1) },
      });
    }

    progress(`waiting for the ${started.length} started runs to finish`);
    const deadline = Date.now() + 180_000;
    let completed = 0;
    while (Date.now() < deadline) {
      let finished = 0;
      completed = 0;
      for (let i = 0; i < started.length; i += 100) {
        const answers = await Promise.all(
          started.slice(i, i + 100).map((id) => send("GET", `/api/executions/${id}`)),
        );
        for (const answer of answers) {
          if (answer.body.finishedAt) finished++;
          if (answer.body.status === "completed") completed++;
        }
      }
      if (finished === started.length) break;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    report({
      bench: "load",
      figure: "runs_completed",
      value: completed,
      unit: "runs",
      target: started.length,
      better: "higher",
      runs: started.length,
    });
  } finally {
    await app.stop();
  }
}

main().catch(exitWithError);
