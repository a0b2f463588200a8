// npm run bench:triggers — a webhook's way to a running node beside the session path, on the app as
// `npm start` runs it: 1,000 calls of POST /api/hooks/:hookId at 50 concurrent, and 1,000 of
// POST /api/compositions/:id/executions with a session, same composition, same run. Per path: the
// answer time and the time from sending the request to the run's node running (its started_at),
// median and p99; and whether every answered call made exactly one run (0 lost, 0 duplicated).
import path from "node:path";
import pg from "pg";
import { startAppForBench } from "@/lib/bench/app";
import { percentile } from "@/lib/bench/browser";
import { median, progress, report, round } from "@/lib/bench/report";
import { embeddedUrl } from "@/lib/db/embedded";
import { exitWithError } from "../cli";

const CALLS = 1000;
const CONCURRENCY = 50;
const POSTGRES_PORT = 5590;

type Call = { sentAt: number; answerMs: number; status: number; executionId: string | null };

/** `count` calls of `send`, at most `concurrency` at a time. */
async function burst(
  count: number,
  concurrency: number,
  send: () => Promise<Omit<Call, "answerMs" | "sentAt">>,
) {
  const calls: Call[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next += 1;
        const sentAt = Date.now();
        const started = performance.now();
        const answer = await send();
        calls.push({ ...answer, sentAt, answerMs: performance.now() - started });
      }
    }),
  );
  return calls;
}

async function main() {
  // Limits raised: this measures the paths, not the quotas.
  const app = await startAppForBench({
    port: 3190,
    postgresPort: POSTGRES_PORT,
    env: { RUNS_PER_USER: "100000", RUNS_PER_COMPOSITION: "100000", WEBHOOK_RATE_LIMIT: "100000" },
  });
  const database = new pg.Client({
    connectionString: embeddedUrl(path.join(app.dataDir, "postgres"), POSTGRES_PORT),
  });
  try {
    const api = await app.signUp();
    const composition = await api("POST", "/api/compositions", {
      name: "Hooked",
      globalParameters: { message: "hello" },
      nodes: [{ nodeId: "say", templateId: "echo" }],
    });
    const { trigger } = await api("POST", `/api/compositions/${composition.id}/triggers`, {
      kind: "webhook",
    });
    const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      });
      const answer = (await response.json()) as { execution?: { id: string } };
      return { status: response.status, executionId: answer.execution?.id ?? null };
    };
    const paths = {
      session: () =>
        post(
          `${app.baseUrl}/api/compositions/${composition.id}/executions`,
          { parameters: { message: "bench" } },
          { origin: app.baseUrl, cookie: api.cookie },
        ),
      // A webhook's body is the parameters themselves.
      webhook: () => post(trigger.url, { message: "bench" }),
    };

    await database.connect();
    const settle = async () => {
      for (;;) {
        const { rows } = await database.query<{ open: number }>(
          "SELECT count(*)::int AS open FROM composition_executions WHERE finished_at IS NULL",
        );
        if (rows[0]!.open === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    progress("warming up: 20 calls of each path");
    for (const send of Object.values(paths)) await burst(20, 5, send);
    await settle();

    const results: Record<string, { answer: number[]; running: number[] }> = {};
    for (const [name, send] of Object.entries(paths)) {
      progress(`${name}: ${CALLS} calls, ${CONCURRENCY} at a time`);
      const calls = await burst(CALLS, CONCURRENCY, send);
      await settle();
      const accepted = calls.filter((call) => call.status === 202 && call.executionId);
      const { rows } = await database.query<{ id: string; started: Date | null }>(
        `SELECT e.id, min(n.started_at) AS started FROM composition_executions e
         JOIN workflow_executions n ON n.composition_execution_id = e.id
         WHERE e.id = ANY($1::uuid[]) GROUP BY e.id`,
        [accepted.map((call) => call.executionId)],
      );
      const { rows: made } = await database.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM composition_executions WHERE composition_id = $1 AND trigger = $2 AND created_at > $3",
        [
          composition.id,
          name === "webhook" ? "webhook" : "api",
          new Date(Math.min(...calls.map((call) => call.sentAt))),
        ],
      );
      const startedAt = new Map(rows.map((row) => [row.id, row.started?.getTime() ?? null]));
      const running = accepted
        .map((call) => (startedAt.get(call.executionId!) ?? Number.NaN) - call.sentAt)
        .filter((ms) => !Number.isNaN(ms));
      results[name] = { answer: calls.map((call) => call.answerMs), running };
      const tag = { bench: "triggers", path: name, calls: CALLS, concurrency: CONCURRENCY };
      report({
        ...tag,
        figure: "refused",
        value: calls.length - accepted.length,
        unit: "calls",
        better: "lower",
      });
      report({
        ...tag,
        figure: "lost",
        value: accepted.length - running.length,
        unit: "runs",
        target: 0,
        better: "lower",
      });
      report({
        ...tag,
        figure: "duplicated",
        value: made[0]!.n - accepted.length,
        unit: "runs",
        target: 0,
        better: "lower",
      });
      report({
        ...tag,
        figure: "answer_median",
        value: round(median(results[name].answer)),
        unit: "ms",
        better: "lower",
      });
      report({
        ...tag,
        figure: "running_median",
        value: round(median(running)),
        unit: "ms",
        better: "lower",
      });
      report({
        ...tag,
        figure: "running_p99",
        value: round(percentile(running, 0.99)),
        unit: "ms",
        better: "lower",
      });
    }
    const { webhook, session } = results as Record<
      "webhook" | "session",
      { answer: number[]; running: number[] }
    >;
    report({
      bench: "triggers",
      figure: "webhook_over_session_running_median",
      value: round(median(webhook.running) / median(session.running)),
      unit: "x",
      target: 1.2,
      better: "lower",
      baseline: {
        name: "session POST /api/compositions/:id/executions",
        value: round(median(session.running)),
      },
    });
    report({
      bench: "triggers",
      figure: "webhook_over_session_running_p99",
      value: round(percentile(webhook.running, 0.99) / percentile(session.running, 0.99)),
      unit: "x",
      target: 1.2,
      better: "lower",
    });
  } finally {
    await database.end().catch(() => {});
    await app.stop();
  }
}

main().catch(exitWithError);
