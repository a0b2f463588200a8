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
