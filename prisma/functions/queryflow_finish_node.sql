-- Records a node attempt's outcome and its log lines — only while the row is still this worker's
-- and running, so a cancel in between wins — and moves on: a retry (status 'queued') gets its job
-- back at p_retry_at; a final outcome advances the run. Returns whether the row was this worker's.
CREATE OR REPLACE FUNCTION queryflow_finish_node(
    p_id UUID, p_worker TEXT, p_status TEXT, p_input JSONB, p_sources JSONB, p_output JSONB,
    p_metadata JSONB, p_error TEXT, p_duration_ms INT, p_log_levels TEXT[], p_log_messages TEXT[],
    p_log_data JSONB[], p_log_at TIMESTAMPTZ[], p_retry_at TIMESTAMPTZ
) RETURNS BOOLEAN
LANGUAGE plpgsql AS $$
DECLARE
    v_retry BOOLEAN := p_status = 'queued';
    v_execution UUID;
    v_node TEXT;
BEGIN
    UPDATE workflow_executions
    SET status = p_status, input = p_input, input_sources = p_sources, output = p_output,
        result_metadata = p_metadata, error = p_error,
        finished_at = CASE WHEN v_retry THEN NULL ELSE clock_timestamp() END,
        duration_ms = p_duration_ms, worker_id = CASE WHEN v_retry THEN NULL ELSE worker_id END,
        updated_at = now()
    WHERE id = p_id AND status = 'running' AND worker_id = p_worker
    RETURNING composition_execution_id, composition_node_id INTO v_execution, v_node;
    IF NOT FOUND THEN
        RETURN FALSE;
    END IF;

    INSERT INTO execution_logs (workflow_execution_id, composition_execution_id, level, message, data, created_at)
    SELECT p_id, v_execution, l.level, l.message, l.data, l.at
    FROM unnest(p_log_levels, p_log_messages, p_log_data, p_log_at) AS l(level, message, data, at);

    IF v_retry THEN
        PERFORM queryflow_enqueue_node(p_id, p_retry_at);
    ELSIF v_execution IS NOT NULL THEN
        PERFORM queryflow_advance_run(v_execution, ARRAY[v_node]);
    ELSE
        -- A standalone workflow's run is final with its one node.
        PERFORM queryflow_notify_run(NULL, p_id);
    END IF;
    RETURN TRUE;
END;
$$;
