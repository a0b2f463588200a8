-- A composition's settings (its document's `settings`): at most `concurrencyLimit` runs at a time;
-- past it a new run waits for a slot (`concurrencyPolicy` "queue", first come first served) or is
-- refused. A waiting run has `waiting_since`; it starts when a run of its composition finishes
-- (queryflow_promote_waiting, called as a run is finalised).
ALTER TABLE template_flow_compositions ADD COLUMN settings jsonb NOT NULL DEFAULT '{}';
ALTER TABLE composition_executions ADD COLUMN waiting_since timestamptz(3);
CREATE INDEX composition_executions_waiting_idx ON composition_executions (composition_id, waiting_since)
  WHERE waiting_since IS NOT NULL AND finished_at IS NULL;

-- Starts the runs of a composition that wait for a slot, oldest first, as far as its concurrency
-- limit allows (all of them once it has none). Called when one of its runs is finalised and when
-- its settings are saved. Returns how many started.
CREATE OR REPLACE FUNCTION queryflow_promote_waiting(p_composition UUID) RETURNS INTEGER
LANGUAGE plpgsql AS $$
DECLARE
    v_limit INTEGER;
    v_live INTEGER;
    v_run UUID;
    v_started INTEGER := 0;
BEGIN
    -- Starts take this lock too: a slot is counted once.
    SELECT (settings ->> 'concurrencyLimit')::int INTO v_limit
    FROM template_flow_compositions WHERE id = p_composition FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;
    SELECT count(*) INTO v_live FROM composition_executions
    WHERE composition_id = p_composition AND finished_at IS NULL AND waiting_since IS NULL;
    FOR v_run IN
        SELECT id FROM composition_executions
        WHERE composition_id = p_composition AND finished_at IS NULL AND waiting_since IS NOT NULL
        ORDER BY waiting_since, id
        LIMIT CASE WHEN v_limit IS NULL THEN NULL ELSE greatest(v_limit - v_live, 0) END
        -- A waiting run being cancelled right now is left to its canceller.
        FOR UPDATE SKIP LOCKED
    LOOP
        UPDATE composition_executions
        SET waiting_since = NULL, status = 'running', started_at = clock_timestamp(), updated_at = now()
        WHERE id = v_run;
        UPDATE workflow_executions SET status = 'queued', updated_at = now()
        WHERE composition_execution_id = v_run AND status = 'pending' AND cardinality(depends_on) = 0;
        PERFORM queryflow_enqueue_node(id) FROM workflow_executions
        WHERE composition_execution_id = v_run AND status = 'queued';
        INSERT INTO execution_logs (composition_execution_id, level, message)
        VALUES (v_run, 'info', 'A slot is free: the run starts');
        v_started := v_started + 1;
    END LOOP;
    RETURN v_started;
END;
$$;

-- Sets a run's final status, counts and timings from its node executions, once; then starts a run
-- of the same composition that waits for a slot, if any.
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
        -- A slot is free: a run of the same composition waiting for one starts.
        SELECT composition_id INTO v_composition FROM composition_executions WHERE id = p_execution;
        IF EXISTS (SELECT 1 FROM composition_executions
                   WHERE composition_id = v_composition AND waiting_since IS NOT NULL AND finished_at IS NULL) THEN
            PERFORM queryflow_promote_waiting(v_composition);
        END IF;
    END IF;
END;
$$;
