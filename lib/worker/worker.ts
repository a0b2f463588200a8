import { Logger, makeWorkerUtils, run, type WorkerUtils } from "graphile-worker";
import pg from "pg";
import { createDb, type Db } from "@/lib/db/client";
import { retryWhileUnavailable } from "@/lib/db/retry";
import { pgSql, prismaSql } from "@/lib/db/sql";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { warehouseReaderUrl } from "@/lib/db/warehouse-reader";
import { type EngineDeps, runNode } from "@/lib/engine/run-node";
import type { Env } from "@/lib/env";
import { enqueueNode } from "@/lib/jobs/queue";
import { crontab, tasks } from "@/lib/jobs/tasks";
import { pruneIdleRateLimits, pruneOldExecutions } from "@/lib/retention";
import { closeSandbox } from "@/lib/sandbox/evaluate";
import { startScheduleAlarm } from "@/lib/schedules/alarm";
import { fireSchedule } from "@/lib/schedules/fire";
import { refreshTemplateUsage } from "@/lib/templates/usage";
import { taskList } from "./task-list";

/** graphile-worker's own chatter stays quiet; its warnings and errors are printed. */
const quietLogger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") console.error(`worker: ${message}`);
});

/**
 * Takes back running node executions whose worker stopped beating (killed, frozen, partitioned) and
 * unlocks that worker's jobs, so another worker finishes the run. A lost attempt counts as an
 * attempt: a node that keeps taking its worker down (a poison pill) fails once its retries are
 * spent, and its dependents are skipped, instead of being re-queued forever. Idempotent, safe to run
 * from every worker at once.
 */
export async function sweepStaleNodes(
  db: Db,
  utils: WorkerUtils,
  heartbeatTimeoutMs: number,
): Promise<string[]> {
  const stale = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; worker_id: string | null; exhausted: boolean }[]>`
      SELECT id, worker_id, attempt > max_retries AS exhausted FROM workflow_executions
      WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => ${heartbeatTimeoutMs / 1000})
      FOR UPDATE SKIP LOCKED`;
    for (const row of rows) {
      const message = `Worker ${row.worker_id} stopped responding during this attempt`;
      if (row.exhausted) {
        await tx.$queryRaw`
          SELECT queryflow_finish_node(w.id, w.worker_id, 'failed', w.input, w.input_sources, NULL, NULL,
            ${`${message}; no retries left.`},
            (extract(epoch FROM now() - w.started_at) * 1000)::int,
            ARRAY['error'], ARRAY[${`${message}; the node failed with no retries left.`}], ARRAY[NULL::jsonb],
            ARRAY[now()], NULL)
          FROM workflow_executions w WHERE w.id = ${row.id}::uuid`;
        continue;
      }
      await tx.$executeRaw`
        UPDATE workflow_executions SET status = 'queued', worker_id = NULL, updated_at = now()
        WHERE id = ${row.id}::uuid`;
      await tx.executionLog.create({
        data: { workflowExecutionId: row.id, level: "warn", message: `${message}; the node was re-queued.` },
      });
      await enqueueNode(prismaSql(tx), row.id);
    }
    return rows;
  });
  const workers = [...new Set(stale.map((row) => row.worker_id).filter((id): id is string => Boolean(id)))];
  if (workers.length) await utils.forceUnlockWorkers(workers);
  await removeSpentNodeJobs(db, utils);
  return [...stale.map((row) => row.id), ...(await releaseHeldJobs(db, heartbeatTimeoutMs))];
}

/**
 * graphile-worker marks a job it unlocks for a dead worker as having used all its attempts, and
 * keeps it forever. A node's state lives in its execution row, which the sweeper re-queues with a new
 * job, so such a spent `run_node` job is only litter: it is removed.
 */
async function removeSpentNodeJobs(db: Db, utils: WorkerUtils): Promise<void> {
  const spent = await db.$queryRaw<{ id: string }[]>`
    SELECT j.id::text AS id FROM graphile_worker._private_jobs j
    JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    WHERE t.identifier = ${tasks.runNode.name} AND j.locked_at IS NULL AND j.attempts >= j.max_attempts`;
  if (spent.length) await utils.completeJobs(spent.map((job) => job.id));
}

/**
 * Frees jobs that a worker has held locked for longer than the heartbeat timeout although nothing can
 * still be running them: the job of a node still waiting to run (pending or queued), and a schedule's
 * fire job (which takes milliseconds). A worker that died between taking a job and claiming its node,
 * or whose report of a job's end was lost to a database outage, leaves such a lock, which
 * graphile-worker itself would only drop after 4 hours — a node would wait that long, and a schedule
 * would stop firing. A healthy job holds its lock for milliseconds before it claims its node, and a
 * second run of either job is harmless (the claim and the schedule's tick are each taken once).
 * Returns the node executions whose job was freed.
 */
async function releaseHeldJobs(db: Db, heartbeatTimeoutMs: number): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string | null; locked_by: string }[]>`
    WITH held AS (
      SELECT j.id AS job_id, j.locked_by, w.id
      FROM graphile_worker._private_jobs j
      JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      LEFT JOIN workflow_executions w ON t.identifier = ${tasks.runNode.name} AND j.key = 'node:' || w.id::text
      WHERE j.locked_at < now() - make_interval(secs => ${heartbeatTimeoutMs / 1000})
        AND (w.status IN ('pending', 'queued') OR t.identifier = ${tasks.fireSchedule.name})
      FOR UPDATE OF j SKIP LOCKED
    )
    UPDATE graphile_worker._private_jobs j SET locked_at = NULL, locked_by = NULL
    FROM held WHERE j.id = held.job_id
    RETURNING held.id, held.locked_by`;
  const nodes = rows.filter((row): row is { id: string; locked_by: string } => row.id !== null);
  for (const row of nodes) {
    await db.executionLog.create({
      data: {
        workflowExecutionId: row.id,
        level: "warn",
        message: `Worker ${row.locked_by} took this node's job but never started it; the job was released.`,
      },
    });
  }
  return nodes.map((row) => row.id);
}

let outageGuardInstalled = false;

/**
 * graphile-worker reports a job's completion or failure without awaiting it, so when the database is
 * down at that moment the rejection is unhandled, and Node ends the process for it. Such a rejection
 * is logged in one line instead: the sweeper releases a job whose report was lost. Any other unhandled
 * rejection is left to the process's other handlers (Next.js logs them) or, with none, ends it as before.
 */
function guardAgainstOutageRejections(): void {
  if (outageGuardInstalled) return;
  outageGuardInstalled = true;
  process.on("unhandledRejection", (reason) => {
    if (isDatabaseUnavailable(reason)) {
      console.error(`worker: lost while the database was unavailable: ${(reason as Error).message}`);
      return;
    }
    if (process.listenerCount("unhandledRejection") === 1) throw reason;
  });
}

/**
 * Connections for the engine's own bookkeeping and graphile-worker's job traffic: one transaction,
 * a heartbeat and a job fetch per running node. They commit asynchronously (no WAL flush wait):
 * measured on this 2-core VM, 244 → ~340 node executions/s. Only engine state is at stake, and only
 * on a machine crash: a node whose finish was lost is left running with a stale heartbeat, and the
 * sweeper re-queues it, so such nodes run again. Compositions and run starts commit normally.
 */
export function enginePool(connectionString: string, concurrency: number): pg.Pool {
  return new pg.Pool({ connectionString, max: concurrency * 3 + 4, options: "-c synchronous_commit=off" });
}

export interface RunningWorker {
  stop(): Promise<void>;
}

/** Starts a graphile-worker runner for node executions, with the stale-heartbeat sweeper. */
export async function startWorker(options: { connectionString: string; env: Env }): Promise<RunningWorker> {
  const { connectionString, env } = options;
  guardAgainstOutageRejections();
  const concurrency = env.WORKER_CONCURRENCY;
  const pool = enginePool(connectionString, concurrency);
  const deps: EngineDeps = {
    // Each running node may hold a transaction while its heartbeat and the sweeper query too.
    db: createDb(connectionString, { max: concurrency * 2 + 2 }),
    // SQL templates log in as the warehouse reader itself.
    warehouse: new pg.Pool({
      connectionString: await warehouseReaderUrl(connectionString, pool),
      max: concurrency,
    }),
    pool,
    env,
  };
  // A connection that the server drops (restart, failover) emits an error on its pool when idle and
  // on its client when checked out; without listeners either would end the process. The query in
  // flight, if any, fails on its own and is handled where it was made.
  const lost = (error: Error) => console.error(`worker: database connection lost: ${error.message}`);
  for (const pool of [deps.warehouse, deps.pool]) {
    pool.on("error", lost);
    pool.on("connect", (client) => client.on("error", lost));
  }
  const utils = await makeWorkerUtils({ connectionString, logger: quietLogger });
  const runner = await run({
    pgPool: deps.pool,
    concurrency,
    noHandleSignals: true,
    pollInterval: 2000,
    logger: quietLogger,
    // Nodes still running after the grace period are aborted; the task then hands them back (queued).
    gracefulShutdownAbortTimeout: env.WORKER_SHUTDOWN_GRACE_MS,
    taskList: taskList({
      runNode: (payload, helpers) =>
        runNode(deps, payload, { workerId: helpers.job.locked_by!, abortSignal: helpers.abortSignal }),
      // Idempotent per tick, so tried again through a short database outage: a fire job that failed
      // then would have its failure go unrecorded, and the schedule would stop until its lock is freed.
      fireSchedule: async (payload) => {
        await retryWhileUnavailable(
          () => fireSchedule(deps.db, payload, { misfireMs: env.SCHEDULE_MISFIRE_MS }),
          env.HEARTBEAT_TIMEOUT_MS,
        );
      },
      refreshTemplateUsage: async () => {
        await refreshTemplateUsage(pgSql(deps.pool));
      },
      pruneExecutions: async () => {
        await pruneIdleRateLimits(pgSql(deps.pool), env.AUTH_RATE_LIMIT_WINDOW);
        const deleted = await pruneOldExecutions(pgSql(deps.pool), env.RETENTION_DAYS);
        if (deleted.runs || deleted.standalone) {
          console.log(`worker: deleted ${deleted.runs} runs older than ${env.RETENTION_DAYS} days`);
        }
      },
    }),
    crontab: crontab(),
  });
  const alarm = await startScheduleAlarm(connectionString, deps.pool);
  const sweeping = setInterval(
    () =>
      void sweepStaleNodes(deps.db, utils, env.HEARTBEAT_TIMEOUT_MS).catch((error) =>
        isDatabaseUnavailable(error)
          ? console.error("worker: sweep skipped: the database is unavailable")
          : console.error("worker: sweep failed", error),
      ),
    Math.min(5_000, env.HEARTBEAT_TIMEOUT_MS),
  );
  return {
    async stop() {
      clearInterval(sweeping);
      await alarm.stop();
      await runner.stop();
      await closeSandbox();
      await utils.release();
      await deps.warehouse.end();
      await deps.pool.end();
      await deps.db.$disconnect();
    },
  };
}
