-- The tick a scheduled run was started for: lateness is created_at - scheduled_for, and the unique
-- index makes "one execution per tick" a property of the database, not only of the firing code.
ALTER TABLE composition_executions ADD COLUMN scheduled_for timestamptz(3);

CREATE UNIQUE INDEX composition_executions_schedule_tick_key
  ON composition_executions (schedule_id, scheduled_for)
  WHERE scheduled_for IS NOT NULL;
