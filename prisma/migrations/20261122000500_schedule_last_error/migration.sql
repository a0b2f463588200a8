-- Why a schedule's latest tick was not run (its composition gained a finding, its parameters no
-- longer fit), and that tick; cleared when a tick runs. The schedules page shows it.
ALTER TABLE workflow_schedules
    ADD COLUMN last_error TEXT,
    ADD COLUMN last_error_at TIMESTAMPTZ(3);
