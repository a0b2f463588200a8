-- The step that moves a run on after a node finishes runs inside PostgreSQL, in one round trip.
-- It must hold the run's lock while it reads its nodes' statuses (concurrent finishers of one fan-in
-- decide a dependent exactly once), and each statement of a PL/pgSQL function reads a fresh snapshot
-- after that lock — a single SQL statement could not. From the worker that was six round trips
-- (BEGIN, finish, lock, read, queue, COMMIT) between one node's end and the next one's job.

-- Each node execution carries its edges from the run's version snapshot, so the database can find
-- dependents and upstream nodes without parsing the snapshot: every upstream node id, and the
-- required ones among them (a required upstream that did not complete skips the node).
ALTER TABLE workflow_executions
    ADD COLUMN depends_on TEXT[] NOT NULL DEFAULT '{}',
    ADD COLUMN requires TEXT[] NOT NULL DEFAULT '{}';

UPDATE workflow_executions AS w
SET depends_on = edges.sources, requires = edges.required
FROM (
    SELECT e.id AS execution_id, c.edge ->> 'targetNodeId' AS target,
           array_agg(c.edge ->> 'sourceNodeId' ORDER BY c.n) AS sources,
           coalesce(array_agg(c.edge ->> 'sourceNodeId' ORDER BY c.n)
                    FILTER (WHERE coalesce((c.edge ->> 'isRequired')::boolean, true)), '{}') AS required
    FROM composition_executions AS e
    JOIN composition_versions AS v ON v.id = e.version_id,
         jsonb_array_elements(v.snapshot -> 'document' -> 'connections') WITH ORDINALITY AS c(edge, n)
    GROUP BY 1, 2
) AS edges
WHERE w.composition_execution_id = edges.execution_id AND w.composition_node_id = edges.target;

-- Microseconds, not milliseconds: a node hand-off takes about one, and its timings are measured.
ALTER TABLE workflow_executions
    ALTER COLUMN started_at TYPE TIMESTAMPTZ,
    ALTER COLUMN finished_at TYPE TIMESTAMPTZ;

-- The job that runs a node execution; keyed by it, so adding it again replaces it. The task name
-- is RUN_NODE in lib/engine/queue.ts. Returns the job's id. PL/pgSQL rather than SQL functions
-- here: their bodies are resolved when called, and graphile-worker's schema is installed after our
-- migrations.
CREATE FUNCTION queryflow_enqueue_node(p_id UUID, p_run_at TIMESTAMPTZ DEFAULT NULL) RETURNS BIGINT
LANGUAGE plpgsql AS $$
BEGIN
    RETURN (graphile_worker.add_job('run_node', json_build_object('nodeExecutionId', p_id::text),
        run_at => p_run_at, max_attempts => 25, job_key => 'node:' || p_id::text)).id;
END;
$$;

-- Removes the jobs of node executions that will not run; a locked (running) job stays.
CREATE FUNCTION queryflow_remove_node_jobs(p_ids UUID[]) RETURNS INT
LANGUAGE plpgsql AS $$
BEGIN
    RETURN (SELECT count(job.id)::int FROM unnest(p_ids) AS id,
            LATERAL graphile_worker.remove_job('node:' || id::text) AS job);
END;
$$;

-- Sets a run's final status, counts and timings from its node executions, once.
CREATE FUNCTION queryflow_finalise_run(p_execution UUID) RETURNS VOID
LANGUAGE plpgsql AS $$
DECLARE
    v_status TEXT;
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
    END IF;
END;
$$;

-- After nodes finished: decides every pending dependent whose upstream nodes have all finished —
-- queued (its job added) when every required upstream completed, skipped otherwise (cancelled
-- when the run was cancelled), which is passed on downstream — and finalises the run when nothing
-- is left to do. The run's row is locked first; FOR NO KEY UPDATE, not FOR UPDATE: inserting a log
-- line takes a key-share lock on it (its foreign key), and two finishers each holding one while
-- asking for FOR UPDATE would deadlock.
CREATE FUNCTION queryflow_advance_run(p_execution UUID, p_finished TEXT[]) RETURNS VOID
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

-- Records a node attempt's outcome and its log lines — only while the row is still this worker's
-- and running, so a cancel in between wins — and moves on: a retry (status 'queued') gets its job
-- back at p_retry_at; a final outcome advances the run. Returns whether the row was this worker's.
CREATE FUNCTION queryflow_finish_node(
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
    END IF;
    RETURN TRUE;
END;
$$;
