-- A node execution's parameter mappings were copied from the run's version snapshot and never read:
-- the snapshot (composition_versions.snapshot.mappings) is the one place a run takes them from.
ALTER TABLE workflow_executions DROP COLUMN parameter_mappings;
