import { queueNode } from "./queue";
import { loadRunPlan } from "./snapshot";
import type { Sql } from "./sql";

const FINISHED = new Set(["completed", "failed", "skipped", "cancelled"]);
const UNSUCCESSFUL = new Set(["failed", "skipped", "cancelled"]);

async function log(
  sql: Sql,
  line: { executionId?: string; nodeExecutionId?: string; level: string; message: string },
) {
  await sql.query(
    `INSERT INTO execution_logs (composition_execution_id, workflow_execution_id, level, message)
     VALUES ($1::uuid, $2::uuid, $3, $4) RETURNING id`,
    [line.executionId ?? null, line.nodeExecutionId ?? null, line.level, line.message],
  );
}

/**
 * After a node finished, in the caller's transaction: decides every dependent whose upstream nodes
 * have all finished — queued (its job added) when every required upstream completed, skipped
 * otherwise, which is passed on downstream — and finalises the run when nothing is left to do.
 * The master row is locked first, so concurrent finishers of one fan-in decide it exactly once.
 * FOR NO KEY UPDATE, not FOR UPDATE: inserting a log line takes a key-share lock on this row (its
 * foreign key), and two finishers each holding one while asking for FOR UPDATE would deadlock.
 */
export async function advanceRun(sql: Sql, executionId: string, finishedNodeIds: string[]): Promise<void> {
  const { incoming, outgoing } = await loadRunPlan(sql, executionId);
  const {
    rows: [execution],
  } = await sql.query<{ status: string }>(
    "SELECT status FROM composition_executions WHERE id = $1::uuid FOR NO KEY UPDATE",
    [executionId],
  );
  const { rows } = await sql.query<{ id: string; composition_node_id: string; status: string }>(
    "SELECT id, composition_node_id, status FROM workflow_executions WHERE composition_execution_id = $1::uuid",
    [executionId],
  );
  const byNode = new Map(rows.map((row) => [row.composition_node_id, row]));
  const running = execution!.status === "running";

  const work = [...finishedNodeIds];
  while (work.length) {
    for (const dependent of outgoing.get(work.pop()!) ?? []) {
      const row = byNode.get(dependent)!;
      if (row.status !== "pending") continue;
      const upstream = incoming.get(dependent) ?? [];
      if (!upstream.every(({ source }) => FINISHED.has(byNode.get(source)!.status))) continue;
      const blocker = upstream.find(
        ({ source, isRequired }) => isRequired && UNSUCCESSFUL.has(byNode.get(source)!.status),
      );
      if (blocker || !running) {
        const reason = blocker
          ? `Skipped: required upstream node "${blocker.source}" ${byNode.get(blocker.source)!.status}.`
          : "Skipped: the run was cancelled.";
        row.status = blocker ? "skipped" : "cancelled";
        await sql.query(
          "UPDATE workflow_executions SET status = $2, error = $3, finished_at = now(), updated_at = now() WHERE id = $1::uuid RETURNING id",
          [row.id, row.status, reason],
        );
        await log(sql, { nodeExecutionId: row.id, level: "info", message: reason });
        work.push(dependent);
      } else {
        row.status = "queued";
        await queueNode(sql, row.id);
      }
    }
  }

  if (rows.every((row) => FINISHED.has(row.status))) await finaliseRun(sql, executionId);
}

/** Sets the master execution's final status, counts and timings from its node executions, once. */
export async function finaliseRun(sql: Sql, executionId: string): Promise<void> {
  const { rows } = await sql.query<{ status: string }>(
    `WITH nodes AS (
       SELECT count(*) FILTER (WHERE status = 'completed') AS completed,
              count(*) FILTER (WHERE status = 'failed') AS failed,
              count(*) FILTER (WHERE status = 'skipped') AS skipped,
              count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
              (SELECT format('Node "%s" failed: %s', composition_node_id, error) FROM workflow_executions
                WHERE composition_execution_id = $1::uuid AND status = 'failed' ORDER BY finished_at LIMIT 1) AS failure
       FROM workflow_executions WHERE composition_execution_id = $1::uuid
     )
     UPDATE composition_executions AS e
     SET status = CASE WHEN nodes.failed > 0 THEN 'failed'
                       WHEN e.status = 'cancelled' OR nodes.cancelled > 0 THEN 'cancelled'
                       ELSE 'completed' END,
         completed_nodes = nodes.completed, failed_nodes = nodes.failed,
         skipped_nodes = nodes.skipped, cancelled_nodes = nodes.cancelled,
         error = nodes.failure, finished_at = clock_timestamp(), updated_at = now(),
         duration_ms = (extract(epoch FROM clock_timestamp() - e.started_at) * 1000)::int
     FROM nodes
     WHERE e.id = $1::uuid AND e.finished_at IS NULL
     RETURNING e.status`,
    [executionId],
  );
  const status = rows[0]?.status;
  if (status)
    await log(sql, { executionId, level: status === "failed" ? "error" : "info", message: `Run ${status}` });
}
