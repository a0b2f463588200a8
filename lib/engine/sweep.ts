import type { WorkerUtils } from "graphile-worker";
import type { Db } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import { enqueueNode } from "@/lib/jobs/queue";
import { lockTimeouts, tasks } from "@/lib/jobs/tasks";
import { attemptOutcome, delayInWords } from "./attempt-outcome";

// The engine's recovery from lost workers: every worker runs it on an interval (lib/worker).

/**
 * Takes back running node executions whose worker stopped beating (killed, frozen, partitioned) and
 * unlocks that worker's jobs, so another worker finishes the run, after the retry's backoff
 * (attemptOutcome, as for any failed attempt). A lost attempt counts as an
 * attempt: a node that keeps taking its worker down (a poison pill) fails once its retries are
 * spent, and its dependents are skipped, instead of being re-queued forever. Idempotent, safe to run
 * from every worker at once.
 */
export async function sweepStaleNodes(
  db: Db,
  utils: WorkerUtils,
  heartbeatTimeoutMs: number,
  retryBaseDelayMs: number,
): Promise<string[]> {
  const stale = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<
      { id: string; worker_id: string | null; attempt: number; max_retries: number }[]
    >`
      SELECT id, worker_id, attempt, max_retries FROM workflow_executions
      WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => ${heartbeatTimeoutMs / 1000})
      FOR UPDATE SKIP LOCKED`;
    for (const row of rows) {
      const message = `Worker ${row.worker_id} stopped responding during this attempt`;
      // A lost worker is not the node's fault, so it never "recurs"; it still spends an attempt.
      const outcome = attemptOutcome(
        { attempt: row.attempt, maxRetries: row.max_retries },
        { recurs: false },
        retryBaseDelayMs,
      );
      if (outcome.status === "failed") {
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
        data: {
          workflowExecutionId: row.id,
          level: "warn",
          message: `${message}; the node was re-queued: the next attempt starts in ${delayInWords(outcome.delayMs)}.`,
        },
      });
      await enqueueNode(prismaSql(tx), row.id, outcome.retryAt);
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
 * still be running them: the job of a node still waiting to run (pending or queued), and a job of any
 * other task held past its `lockTimeoutMs` (lib/jobs/tasks.ts: a schedule's fire job takes
 * milliseconds, a notification's delivery gives up after 15 s). A worker that died between taking a
 * job and claiming its node, or in the middle of another task, or whose report of a job's end was
 * lost to a database outage, leaves such a lock, which graphile-worker itself would only drop after 4
 * hours — a node would wait that long, a schedule would stop firing, a notification would not be
 * sent (nor any after it in its queue). A second run of any of these jobs is harmless (the claim, a schedule's tick and a
 * delivered notification are each taken once). Returns the node executions whose job was freed.
 */
async function releaseHeldJobs(db: Db, heartbeatTimeoutMs: number): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string | null; locked_by: string }[]>`
    WITH limits AS (
      SELECT * FROM unnest(${lockTimeouts.map((task) => task.name)}::text[], ${lockTimeouts.map((task) => task.ms)}::int[])
        AS l(identifier, ms)
    ), held AS (
      SELECT j.id AS job_id, j.locked_by, w.id
      FROM graphile_worker._private_jobs j
      JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      LEFT JOIN workflow_executions w ON t.identifier = ${tasks.runNode.name} AND j.key = 'node:' || w.id::text
      LEFT JOIN limits l ON l.identifier = t.identifier
      WHERE j.locked_at < now() - make_interval(secs => (${heartbeatTimeoutMs} + coalesce(l.ms, 0)) / 1000.0)
        AND (w.status IN ('pending', 'queued') OR l.identifier IS NOT NULL)
      FOR UPDATE OF j SKIP LOCKED
    )
    UPDATE graphile_worker._private_jobs j SET locked_at = NULL, locked_by = NULL
    FROM held WHERE j.id = held.job_id
    RETURNING held.id, held.locked_by`;
  // A job of a named queue (a user's notifications) also locked its queue: the dead worker's queue
  // locks go with its jobs, or nothing more in those queues would run.
  const lost = [...new Set(rows.map((row) => row.locked_by))];
  if (lost.length)
    await db.$executeRaw`
      UPDATE graphile_worker._private_job_queues SET locked_at = NULL, locked_by = NULL
      WHERE locked_by = ANY(${lost}::text[])`;
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
