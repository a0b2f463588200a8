// npm run bench:engine — (one in-process worker, WORKER_CONCURRENCY slots: 2 × cores unless set) node-to-node hand-off on a 40-node chain beside a bare graphile-worker
// chain of 40 jobs, a 1 → 200 → 1 fan-out/fan-in, and 100 concurrent runs of a 5-node composition.
import { Logger, run } from "graphile-worker";
import type { SessionUser } from "@/lib/auth/user";
import { startBenchDatabase } from "@/lib/bench/database";
import { median, progress, report, round } from "@/lib/bench/report";
import { type CompositionDocumentInput, compositionDocumentSchema } from "@/lib/compositions/schema";
import { createComposition } from "@/lib/compositions/service";
import type { Db } from "@/lib/db/client";
import { startRun } from "@/lib/engine/start-run";
import { parseEnv } from "@/lib/env";
import { enginePool, startWorker } from "@/lib/worker/worker";

const silent = new Logger(() => () => {});
const echo = (nodeId: string) => ({ nodeId, templateId: "echo" });
const edge = (source: string, target: string) => ({
  connectionId: `${source}_${target}`,
  sourceNodeId: source,
  targetNodeId: target,
});

async function waitForRuns(db: Db, ids: string[]) {
  for (;;) {
    const open = await db.compositionExecution.count({ where: { id: { in: ids }, finishedAt: null } });
    if (open === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const failed = await db.compositionExecution.count({
    where: { id: { in: ids }, status: { not: "completed" } },
  });
  if (failed) throw new Error(`${failed} benchmark run(s) did not complete`);
}

async function runOnce(db: Db, user: SessionUser, compositionId: string) {
  const execution = await startRun(db, user, { id: compositionId }, { parameters: {}, trigger: "api" });
  await waitForRuns(db, [execution.id]);
  return db.compositionExecution.findUniqueOrThrow({ where: { id: execution.id } });
}

/**
 * A bare graphile-worker chain of `length` jobs, each adding the next. Per hand-off, two spans:
 * `handoff` from the moment a job's work is done and it starts handing on (before it adds the next
 * job; a bare job has no work, so that is its start) to the next job's start — the span the
 * engine's figure covers, from a node's end (before it records its outcome and adds its dependents'
 * jobs) to its dependent's start; and `afterEnqueue`, from after the next job was added (committed)
 * to its start, which leaves out adding the job.
 */
async function bareChain(url: string, length: number) {
  const starts: number[] = [];
  const added: number[] = [];
  let finish: () => void;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  // The engine's own pool settings (asynchronous commit): the two differ only in what runs on them.
  const pgPool = enginePool(url, 8);
  const runner = await run({
    pgPool,
    concurrency: 8,
    noHandleSignals: true,
    logger: silent,
    taskList: {
      bench_chain: async (payload, helpers) => {
        const { step } = payload as { step: number };
        starts[step] = performance.now();
        if (step + 1 < length) await helpers.addJob("bench_chain", { step: step + 1 });
        added[step] = performance.now();
        if (step + 1 === length) finish();
      },
    },
  });
  await runner.addJob("bench_chain", { step: 0 });
  await done;
  await runner.stop();
  await pgPool.end();
  return {
    handoff: starts.slice(1).map((start, i) => start - starts[i]!),
    afterEnqueue: starts.slice(1).map((start, i) => start - added[i]!),
  };
}

// 100 concurrent runs of one composition by one user are the point of the throughput figure, not an
// abuse to refuse: the run quotas (read from the environment when the first run starts) are raised.
process.env.RUNS_PER_COMPOSITION = "1000";
process.env.RUNS_PER_USER = "1000";
const bench = await startBenchDatabase(5540);
const env = parseEnv({ WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY });
const worker = await startWorker({ connectionString: bench.url, env });
try {
  const row = await bench.db.user.create({
    data: { id: "bench", name: "bench", email: "bench@example.com" },
  });
  const user: SessionUser = { id: row.id, name: row.name, email: row.email, role: "admin" };
  const save = async (document: CompositionDocumentInput) =>
    (await createComposition(bench.db, user, compositionDocumentSchema.parse(document))).id;

  progress("40-node chain of echo nodes, 5 runs, beside a bare graphile-worker chain of 40 jobs");
  const chainIds = Array.from({ length: 40 }, (_, i) => `n${i}`);
  const chain = await save({
    name: "Chain 40",
    nodes: chainIds.map(echo),
    connections: chainIds.slice(1).map((id, i) => edge(chainIds[i]!, id)),
  });
  const handoffs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const execution = await runOnce(bench.db, user, chain);
    // In SQL: the timestamps have microseconds, which JavaScript dates would round to milliseconds.
    const rows = await bench.db.$queryRaw<{ ms: number }[]>`
      SELECT (extract(epoch FROM down.started_at - up.finished_at) * 1000)::float8 AS ms
      FROM workflow_executions AS down
      JOIN workflow_executions AS up ON up.composition_execution_id = down.composition_execution_id
        AND up.composition_node_id = ANY (down.depends_on)
      WHERE down.composition_execution_id = ${execution.id}::uuid`;
    handoffs.push(...rows.map((row) => row.ms));
  }
  await worker.stop();
  const bare: number[] = [];
  const bareAfterEnqueue: number[] = [];
  for (let i = 0; i < 5; i++) {
    const spans = await bareChain(bench.url, 40);
    bare.push(...spans.handoff);
    bareAfterEnqueue.push(...spans.afterEnqueue);
  }
  const handoff = median(handoffs);
  report({
    bench: "engine",
    figure: "chain40_handoff_median",
    value: round(handoff, 3),
    unit: "ms",
    target: 5,
    better: "lower",
    baseline: { name: "graphile_worker_chain40", value: round(median(bare), 3) },
    runs: handoffs.length,
  });
  report({
    bench: "engine",
    figure: "chain40_handoff_ratio_to_bare",
    value: round(handoff / median(bare)),
    unit: "x",
    target: 2,
    better: "lower",
  });
  // The same bare chain measured from after each job added the next: what adding and committing a
  // job costs is then outside the baseline, though it is inside every engine hand-off.
  report({
    bench: "engine",
    figure: "chain40_handoff_ratio_to_bare_after_enqueue",
    value: round(handoff / median(bareAfterEnqueue)),
    unit: "x",
    better: "lower",
    baseline: { name: "graphile_worker_chain40_after_enqueue", value: round(median(bareAfterEnqueue), 3) },
  });

  const restarted = await startWorker({ connectionString: bench.url, env });
  try {
    progress("1 → 200 → 1 fan-out/fan-in of echo nodes, 3 runs");
    const branches = Array.from({ length: 200 }, (_, i) => `b${i}`);
    const fan = await save({
      name: "Fan 200",
      nodes: [echo("root"), ...branches.map(echo), echo("sink")],
      connections: [...branches.map((id) => edge("root", id)), ...branches.map((id) => edge(id, "sink"))],
    });
    const fanTimes: number[] = [];
    for (let i = 0; i < 3; i++) fanTimes.push((await runOnce(bench.db, user, fan)).durationMs!);
    report({
      bench: "engine",
      figure: "fan_200_end_to_end_median",
      value: median(fanTimes),
      unit: "ms",
      target: 1500,
      better: "lower",
      runs: 3,
    });

    progress("100 concurrent runs of a 5-node composition, 3 trials");
    const five = await save({
      name: "Five",
      nodes: ["a", "b", "c", "d", "e"].map(echo),
      connections: [edge("a", "b"), edge("a", "c"), edge("b", "d"), edge("c", "d"), edge("d", "e")],
    });
    const rates: number[] = [];
    const walls: number[] = [];
    for (let trial = 0; trial < 3; trial++) {
      const started = performance.now();
      const runs = await Promise.all(
        Array.from({ length: 100 }, () =>
          startRun(bench.db, user, { id: five }, { parameters: {}, trigger: "api" }),
        ),
      );
      await waitForRuns(
        bench.db,
        runs.map((execution) => execution.id),
      );
      walls.push((performance.now() - started) / 1000);
      const span = await bench.db.workflowExecution.aggregate({
        where: { compositionExecutionId: { in: runs.map((execution) => execution.id) } },
        _min: { startedAt: true },
        _max: { finishedAt: true },
      });
      rates.push(500 / ((span._max.finishedAt!.getTime() - span._min.startedAt!.getTime()) / 1000));
    }
    // From the first node's start to the last node's finish: the engine's own throughput.
    report({
      bench: "engine",
      figure: "concurrent_100x5_node_executions_per_second",
      value: round(median(rates), 1),
      unit: "nodes/s",
      target: 300,
      better: "higher",
      runs: 3,
    });
    // The same, with starting the 100 runs (validation, snapshot, rows, jobs) counted in.
    report({
      bench: "engine",
      figure: "concurrent_100x5_wall_including_start",
      value: round(median(walls), 2),
      unit: "s",
      better: "lower",
      runs: 3,
    });
  } finally {
    await restarted.stop();
  }
} finally {
  await bench.stop();
}
