-- Backfills: a schedule's ticks between two instants, run as if each had fired (trigger
-- 'backfill', scheduled_for the tick; the unique index on (schedule_id, scheduled_for) keeps each
-- tick to one run), at most `concurrency` at a time. A step job (backfill_step) starts the next ticks
-- as slots free: when the backfill is made and whenever one of its runs is finalised.
CREATE TABLE backfills (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  schedule_id uuid NOT NULL REFERENCES workflow_schedules (id) ON DELETE CASCADE,
  from_at timestamptz(3) NOT NULL,
  to_at timestamptz(3) NOT NULL CHECK (to_at >= from_at),
  concurrency integer NOT NULL CHECK (concurrency BETWEEN 1 AND 50),
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'paused', 'cancelled', 'completed')),
  total_ticks integer NOT NULL CHECK (total_ticks >= 1),
  -- The next tick to start (null once every tick has a run).
  next_tick_at timestamptz(3),
  -- Ticks the schedule had run already: counted done, not run again.
  skipped_ticks integer NOT NULL DEFAULT 0,
  -- Why it paused on its own (its composition could not run), for the person who made it.
  last_error text,
  created_by text REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  finished_at timestamptz(3)
);
CREATE INDEX backfills_schedule_idx ON backfills (schedule_id, created_at DESC);

ALTER TABLE composition_executions ADD COLUMN backfill_id uuid REFERENCES backfills (id) ON DELETE SET NULL;
CREATE INDEX composition_executions_backfill_idx ON composition_executions (backfill_id) WHERE backfill_id IS NOT NULL;

-- Sets a run's final status, counts and timings from its node executions, once; then starts a run
-- of the same composition that waits for a slot, if any; and moves its backfill, if it has one, on.
CREATE OR REPLACE FUNCTION queryflow_finalise_run(p_execution UUID) RETURNS VOID
LANGUAGE plpgsql AS $$
DECLARE
    v_status TEXT;
    v_composition UUID;
BEGIN
    WITH nodes AS (
        SELECT count(*) FILTER (WHERE status = 'completed') AS completed,
               count(*) FILTER (WHERE status = 'failed') AS failed,
               count(*) FILTER (WHERE status = 'skipped') AS skipped,
               count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
               (SELECT format('Node "%s" failed: %s', composition_node_id, error) FROM workflow_executions
                WHERE composition_execution_id = p_execution AND status = 'failed'
                ORDER BY finished_at LIMIT 1) AS failure
        FROM workflow_executions WHERE composition_execution_id = p_execution
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
    WHERE e.id = p_execution AND e.finished_at IS NULL
    RETURNING e.status INTO v_status;
    IF FOUND THEN
        INSERT INTO execution_logs (composition_execution_id, level, message)
        VALUES (p_execution, CASE WHEN v_status = 'failed' THEN 'error' ELSE 'info' END, 'Run ' || v_status);
        PERFORM queryflow_notify_run(p_execution, NULL);
        -- A backfill's run: its next step may start the next ticks (one step job at a time).
        PERFORM graphile_worker.add_job('backfill_step', json_build_object('backfillId', backfill_id::text),
            max_attempts => 10, job_key => 'backfill:' || backfill_id::text)
        FROM composition_executions WHERE id = p_execution AND backfill_id IS NOT NULL;
        -- A slot is free: a run of the same composition waiting for one starts.
        SELECT composition_id INTO v_composition FROM composition_executions WHERE id = p_execution;
        IF EXISTS (SELECT 1 FROM composition_executions
                   WHERE composition_id = v_composition AND waiting_since IS NOT NULL AND finished_at IS NULL) THEN
            PERFORM queryflow_promote_waiting(v_composition);
        END IF;
    END IF;
END;
$$;
