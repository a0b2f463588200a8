-- Template usage counts are recounted a few seconds after runs finish, not only hourly.

-- Sets a run's final status, counts and timings from its node executions, once; then starts a run
-- of the same composition that waits for a slot, if any; moves its backfill, if it has one, on; and
-- has the templates' usage counts recounted a few seconds later (one recount for many runs).
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
        -- Usage counts follow finished runs. Checked before adding: concurrent finishes would otherwise
        -- queue behind each other on the one job row.
        IF NOT EXISTS (SELECT 1 FROM graphile_worker._private_jobs
                       WHERE key = 'refresh_template_usage' AND locked_at IS NULL) THEN
            PERFORM graphile_worker.add_job('refresh_template_usage', '{}'::json,
                run_at => now() + interval '5 seconds', max_attempts => 3,
                job_key => 'refresh_template_usage', job_key_mode => 'preserve_run_at');
        END IF;
        -- A slot is free: a run of the same composition waiting for one starts.
        SELECT composition_id INTO v_composition FROM composition_executions WHERE id = p_execution;
        IF EXISTS (SELECT 1 FROM composition_executions
                   WHERE composition_id = v_composition AND waiting_since IS NOT NULL AND finished_at IS NULL) THEN
            PERFORM queryflow_promote_waiting(v_composition);
        END IF;
    END IF;
END;
$$;
