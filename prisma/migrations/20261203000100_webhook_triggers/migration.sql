-- Runs started by a webhook or a backfill.
ALTER TABLE composition_executions DROP CONSTRAINT composition_executions_trigger_check;
ALTER TABLE composition_executions ADD CONSTRAINT composition_executions_trigger_check
  CHECK (trigger IN ('manual', 'schedule', 'api', 'webhook', 'backfill'));
ALTER TABLE workflow_executions DROP CONSTRAINT workflow_executions_trigger_check;
ALTER TABLE workflow_executions ADD CONSTRAINT workflow_executions_trigger_check
  CHECK (trigger IN ('manual', 'schedule', 'api', 'webhook', 'backfill'));

-- Webhook triggers: POST /api/hooks/:hook_id starts a run of a composition or a standalone workflow,
-- as the user who made the trigger. The hook id is the URL's secret; the signing secret (HMAC-SHA256
-- of the body), when there is one, is sealed like data-source passwords.
CREATE TABLE triggers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hook_id text NOT NULL UNIQUE,
  kind text NOT NULL DEFAULT 'webhook' CHECK (kind IN ('webhook')),
  composition_id uuid REFERENCES template_flow_compositions (id) ON DELETE CASCADE,
  workflow_id uuid REFERENCES workflows (id) ON DELETE CASCADE,
  sealed_secret text,
  enabled boolean NOT NULL DEFAULT true,
  created_by text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  last_called_at timestamptz(3),
  CHECK ((composition_id IS NULL) <> (workflow_id IS NULL))
);
CREATE INDEX triggers_composition_idx ON triggers (composition_id);
CREATE INDEX triggers_workflow_idx ON triggers (workflow_id);
