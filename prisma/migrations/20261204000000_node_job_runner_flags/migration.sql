-- Node jobs carry the user whose run it is, so a worker can leave a user's jobs queued while that
-- user fills their share of its slots (lib/engine/node-slots.ts), and put one back at a lower priority.

-- The job that runs a node execution; keyed by it, so adding it again replaces it. The task name
-- is RUN_NODE in lib/jobs/queue.ts. Returns the job's id. PL/pgSQL rather than SQL functions
-- here: their bodies are resolved when called, and graphile-worker's schema is installed after our
-- migrations.
--
-- The job is flagged with the user whose run it is (who started it, else the composition's or
-- workflow's owner): a worker whose slots that user fills does not fetch it (forbiddenFlags, see
-- lib/engine/node-slots.ts). A priority of 1 puts it behind other jobs that are due.
DROP FUNCTION IF EXISTS queryflow_enqueue_node(UUID, TIMESTAMPTZ);
CREATE OR REPLACE FUNCTION queryflow_enqueue_node(
    p_id UUID, p_run_at TIMESTAMPTZ DEFAULT NULL, p_priority INTEGER DEFAULT 0
) RETURNS BIGINT
LANGUAGE plpgsql AS $$
DECLARE
    v_runner TEXT;
BEGIN
    SELECT coalesce(ce.triggered_by, c.owner_id) INTO v_runner
    FROM workflow_executions w
    JOIN composition_executions ce ON ce.id = w.composition_execution_id
    JOIN template_flow_compositions c ON c.id = ce.composition_id
    WHERE w.id = p_id;
    IF NOT FOUND THEN
        SELECT coalesce(w.triggered_by, wf.owner_id) INTO v_runner
        FROM workflow_executions w JOIN workflows wf ON wf.id = w.workflow_id
        WHERE w.id = p_id;
    END IF;
    RETURN (graphile_worker.add_job('run_node', json_build_object('nodeExecutionId', p_id::text),
        run_at => p_run_at, max_attempts => 25, job_key => 'node:' || p_id::text, priority => p_priority,
        flags => CASE WHEN v_runner IS NULL THEN NULL ELSE ARRAY['runner:' || v_runner] END)).id;
END;
$$;
