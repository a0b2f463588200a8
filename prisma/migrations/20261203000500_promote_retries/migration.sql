-- A retry waiting for a slot starts like a new run, then from the nodes it reused (their dependents).

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
        WHERE id = v_run AND waiting_since IS NOT NULL;
        -- Started meanwhile by a nested promotion (a retry below finished at once and freed a slot).
        CONTINUE WHEN NOT FOUND;
        INSERT INTO execution_logs (composition_execution_id, level, message)
        VALUES (v_run, 'info', 'A slot is free: the run starts');
        UPDATE workflow_executions SET status = 'queued', updated_at = now()
        WHERE composition_execution_id = v_run AND status = 'pending' AND cardinality(depends_on) = 0;
        PERFORM queryflow_enqueue_node(id) FROM workflow_executions
        WHERE composition_execution_id = v_run AND status = 'queued';
        -- A retry's nodes after those it reused start as a finished node's dependents do.
        PERFORM queryflow_advance_run(v_run, ARRAY(
            SELECT composition_node_id FROM workflow_executions
            WHERE composition_execution_id = v_run AND status = 'completed'))
        WHERE EXISTS (SELECT 1 FROM workflow_executions WHERE composition_execution_id = v_run AND status = 'completed');
        v_started := v_started + 1;
    END LOOP;
    RETURN v_started;
END;
$$;
