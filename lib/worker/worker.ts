import { Logger, makeWorkerUtils, run } from "graphile-worker";
import pg from "pg";
import { closeDuckDbProcesses } from "@/lib/data-sources/drivers/duckdb";
import { createDb } from "@/lib/db/client";
import { retryWhileUnavailable } from "@/lib/db/retry";
import { pgSql } from "@/lib/db/sql";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { ensureWarehouseReaderLogin, warehouseReaderUrl } from "@/lib/db/warehouse-reader";
import { NodeSlots } from "@/lib/engine/node-slots";
import { type EngineDeps, runNode } from "@/lib/engine/run-node";
import { sweepStaleNodes } from "@/lib/engine/sweep";
import { appUrl, type Env } from "@/lib/env";
import { crontab } from "@/lib/jobs/tasks";
import { deliver } from "@/lib/notifications/deliver";
import { evaluateRun } from "@/lib/notifications/evaluate";
import { ORPHAN_GRACE_MS, resultStore } from "@/lib/results/store";
import { pruneIdleRateLimits, pruneOldExecutions } from "@/lib/retention";
import { closeSandbox } from "@/lib/sandbox/evaluate";
import { startScheduleAlarm } from "@/lib/schedules/alarm";
import { backfillStep } from "@/lib/schedules/backfill";
import { fireSchedule } from "@/lib/schedules/fire";
import { refreshTemplateUsage } from "@/lib/templates/usage";
import { taskList } from "./task-list";

/** graphile-worker's own chatter stays quiet; its warnings and errors are printed. */
const quietLogger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") console.error(`worker: ${message}`);
});

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
      // A node waits at most this long for a connection, then fails (and is retried), never forever.
      connectionTimeoutMillis: 10_000,
    }),
    pool,
    slots: new NodeSlots(env.NODE_SLOTS_PER_USER ?? Math.max(1, concurrency - 1)),
    dataSources: {
      env,
      warehouseReaderUrl: () => warehouseReaderUrl(connectionString, pool),
      repairWarehouseReader: () => ensureWarehouseReaderLogin(connectionString),
    },
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
    // Asked before every fetch: jobs of users who fill their share of slots stay queued.
    forbiddenFlags: () => deps.slots.forbiddenFlags(),
    logger: quietLogger,
    // Nodes still running after the grace period are aborted; the task then hands them back (queued).
    gracefulShutdownAbortTimeout: env.WORKER_SHUTDOWN_GRACE_MS,
    taskList: taskList({
      runNode: (payload, helpers) =>
        runNode(deps, payload, {
          workerId: helpers.job.locked_by!,
          abortSignal: helpers.abortSignal,
          flags: helpers.job.flags,
        }),
      // Idempotent per tick, so tried again through a short database outage: a fire job that failed
      // then would have its failure go unrecorded, and the schedule would stop until its lock is freed.
      fireSchedule: async (payload) => {
        await retryWhileUnavailable(
          () => fireSchedule(deps.db, payload, { misfireMs: env.SCHEDULE_MISFIRE_MS }),
          env.HEARTBEAT_TIMEOUT_MS,
        );
      },
      notifyRun: async (payload) => {
        await evaluateRun(deps.db, payload);
      },
      deliverNotification: (payload) => deliver(deps.db, env, payload, appUrl(env)),
      backfillStep: (payload) => backfillStep(deps.db, payload.backfillId),
      refreshTemplateUsage: async () => {
        await refreshTemplateUsage(pgSql(deps.pool));
      },
      pruneExecutions: async () => {
        await pruneIdleRateLimits(pgSql(deps.pool), env.AUTH_RATE_LIMIT_WINDOW);
        const deleted = await pruneOldExecutions(pgSql(deps.pool), env.RETENTION_DAYS);
        if (deleted.runs || deleted.standalone) {
          console.log(`worker: deleted ${deleted.runs} runs older than ${env.RETENTION_DAYS} days`);
        }
        // Files of deleted runs (S3 objects go with no cascade) and of writes that never committed.
        const orphans = await resultStore(env).sweepOrphans(pgSql(deps.pool), ORPHAN_GRACE_MS);
        if (orphans) console.log(`worker: removed ${orphans} result files no node execution refers to`);
      },
    }),
    crontab: crontab(),
  });
  const alarm = await startScheduleAlarm(connectionString, deps.pool);
  const sweeping = setInterval(
    () =>
      void sweepStaleNodes(deps.db, utils, env.HEARTBEAT_TIMEOUT_MS, env.RETRY_BASE_DELAY_MS).catch(
        (error) =>
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
      await closeDuckDbProcesses();
      await utils.release();
      await deps.warehouse.end();
      await deps.pool.end();
      await deps.db.$disconnect();
    },
  };
}
