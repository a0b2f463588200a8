-- Removes the jobs of node executions that will not run; a locked (running) job stays.
CREATE OR REPLACE FUNCTION queryflow_remove_node_jobs(p_ids UUID[]) RETURNS INT
LANGUAGE plpgsql AS $$
BEGIN
    RETURN (SELECT count(job.id)::int FROM unnest(p_ids) AS id,
            LATERAL graphile_worker.remove_job('node:' || id::text) AS job);
END;
$$;
