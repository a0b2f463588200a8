-- The job that runs a node execution; keyed by it, so adding it again replaces it. The task name
-- is RUN_NODE in lib/jobs/queue.ts. Returns the job's id. PL/pgSQL rather than SQL functions
-- here: their bodies are resolved when called, and graphile-worker's schema is installed after our
-- migrations.
CREATE OR REPLACE FUNCTION queryflow_enqueue_node(p_id UUID, p_run_at TIMESTAMPTZ DEFAULT NULL) RETURNS BIGINT
LANGUAGE plpgsql AS $$
BEGIN
    RETURN (graphile_worker.add_job('run_node', json_build_object('nodeExecutionId', p_id::text),
        run_at => p_run_at, max_attempts => 25, job_key => 'node:' || p_id::text)).id;
END;
$$;
