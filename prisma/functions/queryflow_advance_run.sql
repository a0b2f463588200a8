-- After nodes finished: decides every pending dependent whose upstream nodes have all finished —
-- queued (its job added) when every required upstream completed, skipped otherwise (cancelled
-- when the run was cancelled), which is passed on downstream — and finalises the run when nothing
-- is left to do. The run's row is locked first; FOR NO KEY UPDATE, not FOR UPDATE: inserting a log
-- line takes a key-share lock on it (its foreign key), and two finishers each holding one while
-- asking for FOR UPDATE would deadlock.
CREATE OR REPLACE FUNCTION queryflow_advance_run(p_execution UUID, p_finished TEXT[]) RETURNS VOID
LANGUAGE plpgsql AS $$
DECLARE
    v_running BOOLEAN;
    v_work TEXT[] := p_finished;
    v_next TEXT[];
    v_dependent RECORD;
    v_blocker RECORD;
    v_blocked BOOLEAN;
    v_reason TEXT;
BEGIN
    SELECT status = 'running' INTO v_running FROM composition_executions
    WHERE id = p_execution FOR NO KEY UPDATE;

    WHILE cardinality(v_work) > 0 LOOP
        v_next := '{}';
        FOR v_dependent IN
            SELECT d.id, d.composition_node_id, d.requires FROM workflow_executions AS d
            WHERE d.composition_execution_id = p_execution AND d.status = 'pending' AND d.depends_on && v_work
              AND NOT EXISTS (
                  SELECT FROM workflow_executions AS u
                  WHERE u.composition_execution_id = p_execution AND u.composition_node_id = ANY (d.depends_on)
                    AND u.status NOT IN ('completed', 'failed', 'skipped', 'cancelled'))
        LOOP
            SELECT u.composition_node_id, u.status INTO v_blocker FROM workflow_executions AS u
            WHERE u.composition_execution_id = p_execution AND u.composition_node_id = ANY (v_dependent.requires)
              AND u.status IN ('failed', 'skipped', 'cancelled')
            ORDER BY array_position(v_dependent.requires, u.composition_node_id) LIMIT 1;
            v_blocked := FOUND;
            IF v_blocked OR NOT v_running THEN
                v_reason := CASE WHEN v_blocked
                    THEN format('Skipped: required upstream node "%s" %s.', v_blocker.composition_node_id, v_blocker.status)
                    ELSE 'Skipped: the run was cancelled.' END;
                UPDATE workflow_executions
                SET status = CASE WHEN v_blocked THEN 'skipped' ELSE 'cancelled' END,
                    error = v_reason, finished_at = now(), updated_at = now()
                WHERE id = v_dependent.id;
                INSERT INTO execution_logs (workflow_execution_id, level, message)
                VALUES (v_dependent.id, 'info', v_reason);
                v_next := v_next || v_dependent.composition_node_id;
            ELSE
                UPDATE workflow_executions SET status = 'queued', updated_at = now() WHERE id = v_dependent.id;
                PERFORM queryflow_enqueue_node(v_dependent.id);
            END IF;
        END LOOP;
        v_work := v_next;
    END LOOP;

    IF NOT EXISTS (
        SELECT FROM workflow_executions
        WHERE composition_execution_id = p_execution
          AND status NOT IN ('completed', 'failed', 'skipped', 'cancelled')
    ) THEN
        PERFORM queryflow_finalise_run(p_execution);
    END IF;
END;
$$;
