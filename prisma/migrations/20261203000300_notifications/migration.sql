-- Notifications: a user's rules (on a composition, a workflow or a schedule: which events, which
-- channel), each delivery a rule makes for a run (once per rule, run and event: the unique keys),
-- and the in-app notifications the bell shows.
CREATE TABLE notification_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  composition_id uuid REFERENCES template_flow_compositions (id) ON DELETE CASCADE,
  workflow_id uuid REFERENCES workflows (id) ON DELETE CASCADE,
  schedule_id uuid REFERENCES workflow_schedules (id) ON DELETE CASCADE,
  events text[] NOT NULL CHECK (
    cardinality(events) >= 1 AND events <@ ARRAY['failure', 'recovery', 'success', 'slow', 'consecutive_failures']
  ),
  channel jsonb NOT NULL,
  slow_after_ms integer CHECK (slow_after_ms > 0),
  consecutive_failures integer CHECK (consecutive_failures >= 1),
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  CHECK (num_nonnulls(composition_id, workflow_id, schedule_id) = 1)
);
CREATE INDEX notification_rules_composition_idx ON notification_rules (composition_id) WHERE composition_id IS NOT NULL;
CREATE INDEX notification_rules_workflow_idx ON notification_rules (workflow_id) WHERE workflow_id IS NOT NULL;
CREATE INDEX notification_rules_schedule_idx ON notification_rules (schedule_id) WHERE schedule_id IS NOT NULL;
CREATE INDEX notification_rules_owner_idx ON notification_rules (owner_id);

CREATE TABLE notification_deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  rule_id uuid NOT NULL REFERENCES notification_rules (id) ON DELETE CASCADE,
  composition_execution_id uuid REFERENCES composition_executions (id) ON DELETE CASCADE,
  workflow_execution_id uuid REFERENCES workflow_executions (id) ON DELETE CASCADE,
  event text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  delivered_at timestamptz(3),
  CHECK ((composition_execution_id IS NULL) <> (workflow_execution_id IS NULL)),
  UNIQUE (rule_id, composition_execution_id, event),
  UNIQUE (rule_id, workflow_execution_id, event)
);
CREATE INDEX notification_deliveries_rule_idx ON notification_deliveries (rule_id, created_at DESC);

CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  delivery_id uuid NOT NULL UNIQUE REFERENCES notification_deliveries (id) ON DELETE CASCADE,
  title text NOT NULL,
  body text NOT NULL DEFAULT '',
  link text NOT NULL,
  read_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);

-- When a run is final: a job to evaluate the notification rules that may concern it (its
-- composition's, its workflow's, its schedule's), in the transaction that finalised it — so a
-- finished run gets its notifications once, however its worker ends. Only when such a rule exists.
-- The task name and attempts are those of NOTIFY_RUN in lib/jobs/tasks.ts.
CREATE OR REPLACE FUNCTION queryflow_notify_run(p_run UUID, p_standalone UUID) RETURNS VOID
LANGUAGE plpgsql AS $$
BEGIN
    IF p_run IS NOT NULL AND EXISTS (
        SELECT 1 FROM notification_rules r JOIN composition_executions e ON e.id = p_run
        WHERE r.enabled AND (r.composition_id = e.composition_id OR r.schedule_id = e.schedule_id)
    ) THEN
        PERFORM graphile_worker.add_job('notify_run', json_build_object('compositionExecutionId', p_run::text),
            max_attempts => 5, job_key => 'notify:' || p_run::text);
    ELSIF p_standalone IS NOT NULL AND EXISTS (
        SELECT 1 FROM notification_rules r JOIN workflow_executions w ON w.id = p_standalone
        WHERE r.enabled AND (r.workflow_id = w.workflow_id OR (w.trigger = 'schedule' AND r.schedule_id IN (
            SELECT s.id FROM workflow_schedules s WHERE s.workflow_id = w.workflow_id)))
    ) THEN
        PERFORM graphile_worker.add_job('notify_run', json_build_object('workflowExecutionId', p_standalone::text),
            max_attempts => 5, job_key => 'notify:' || p_standalone::text);
    END IF;
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
        PERFORM queryflow_notify_run(p_execution, NULL);
        -- A slot is free: a run of the same composition waiting for one starts.
        SELECT composition_id INTO v_composition FROM composition_executions WHERE id = p_execution;
        IF EXISTS (SELECT 1 FROM composition_executions
                   WHERE composition_id = v_composition AND waiting_since IS NOT NULL AND finished_at IS NULL) THEN
            PERFORM queryflow_promote_waiting(v_composition);
        END IF;
    END IF;
END;
$$;

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
