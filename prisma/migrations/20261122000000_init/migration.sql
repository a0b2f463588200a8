-- QueryFlow core schema: users and sessions (better-auth), the template catalog, compositions,
-- versions, executions, results, logs, standalone workflows, schedules and favorites.

CREATE TABLE users (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    email          TEXT NOT NULL UNIQUE,
    email_verified BOOLEAN NOT NULL DEFAULT FALSE,
    image          TEXT,
    role           TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
    created_at     TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);

-- The first account becomes the admin. Done in the database so that two concurrent first sign-ups
-- cannot both see an empty table: the transaction-scoped lock serialises the check.
CREATE FUNCTION users_first_is_admin() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('queryflow.users.first_admin'));
    IF NOT EXISTS (SELECT 1 FROM users) THEN
        NEW.role := 'admin';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER users_first_is_admin BEFORE INSERT ON users
    FOR EACH ROW EXECUTE FUNCTION users_first_is_admin();

CREATE TABLE sessions (
    id         TEXT PRIMARY KEY,
    expires_at TIMESTAMPTZ(3) NOT NULL,
    token      TEXT NOT NULL UNIQUE,
    ip_address TEXT,
    user_agent TEXT,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);

CREATE TABLE accounts (
    id                       TEXT PRIMARY KEY,
    account_id               TEXT NOT NULL,
    provider_id              TEXT NOT NULL,
    user_id                  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    access_token             TEXT,
    refresh_token            TEXT,
    id_token                 TEXT,
    access_token_expires_at  TIMESTAMPTZ(3),
    refresh_token_expires_at TIMESTAMPTZ(3),
    scope                    TEXT,
    password                 TEXT,
    created_at               TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    updated_at               TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX accounts_user_id_idx ON accounts (user_id);

CREATE TABLE verifications (
    id         TEXT PRIMARY KEY,
    identifier TEXT NOT NULL,
    value      TEXT NOT NULL,
    expires_at TIMESTAMPTZ(3) NOT NULL,
    created_at TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX verifications_identifier_idx ON verifications (identifier);

CREATE TABLE query_flow_templates (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    template_id      TEXT NOT NULL UNIQUE CHECK (template_id ~ '^[a-z][a-z0-9_]*$'),
    name             TEXT NOT NULL,
    description      TEXT NOT NULL DEFAULT '',
    category         TEXT NOT NULL DEFAULT 'general',
    kind             TEXT NOT NULL CHECK (kind IN ('sql', 'http', 'transform', 'delay', 'echo')),
    parameter_schema JSONB NOT NULL DEFAULT '[]',
    output_schema    JSONB NOT NULL DEFAULT '[]',
    definition       JSONB NOT NULL DEFAULT '{}',
    chart_config     JSONB,
    tags             TEXT[] NOT NULL DEFAULT '{}',
    version          INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    is_active        BOOLEAN NOT NULL DEFAULT TRUE,
    usage_count      INTEGER NOT NULL DEFAULT 0,
    success_count    INTEGER NOT NULL DEFAULT 0,
    failure_count    INTEGER NOT NULL DEFAULT 0,
    created_at       TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);

CREATE TABLE template_flow_compositions (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    composition_id    TEXT NOT NULL UNIQUE CHECK (composition_id ~ '^comp_[a-z0-9_]+$'),
    name              TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    tags              TEXT[] NOT NULL DEFAULT '{}',
    is_public         BOOLEAN NOT NULL DEFAULT FALSE,
    owner_id          TEXT REFERENCES users (id) ON DELETE SET NULL,
    global_parameters JSONB NOT NULL DEFAULT '{}',
    canvas_state      JSONB NOT NULL DEFAULT '{}',
    current_version   INTEGER NOT NULL DEFAULT 1 CHECK (current_version >= 1),
    created_at        TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX template_flow_compositions_tags_idx ON template_flow_compositions USING GIN (tags);
CREATE INDEX template_flow_compositions_owner_idx ON template_flow_compositions (owner_id, updated_at DESC);
CREATE INDEX template_flow_compositions_public_idx ON template_flow_compositions (updated_at DESC) WHERE is_public;

CREATE TABLE template_flow_nodes (
    id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    composition_id       UUID NOT NULL REFERENCES template_flow_compositions (id) ON DELETE CASCADE,
    node_id              TEXT NOT NULL,
    template_id          TEXT NOT NULL REFERENCES query_flow_templates (template_id) ON UPDATE CASCADE,
    position_x           DOUBLE PRECISION NOT NULL DEFAULT 0,
    position_y           DOUBLE PRECISION NOT NULL DEFAULT 0,
    node_config          JSONB NOT NULL DEFAULT '{}',
    parameter_overrides  JSONB NOT NULL DEFAULT '{}',
    parameter_mappings   JSONB NOT NULL DEFAULT '{}',
    execution_order      INTEGER NOT NULL DEFAULT 0,
    is_conditional       BOOLEAN NOT NULL DEFAULT FALSE,
    condition_expression TEXT,
    created_at           TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    CONSTRAINT template_flow_nodes_composition_node_key UNIQUE (composition_id, node_id)
);
CREATE INDEX template_flow_nodes_template_idx ON template_flow_nodes (template_id);

CREATE TABLE template_flow_connections (
    id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    composition_id       UUID NOT NULL REFERENCES template_flow_compositions (id) ON DELETE CASCADE,
    connection_id        TEXT NOT NULL,
    source_node_id       TEXT NOT NULL,
    target_node_id       TEXT NOT NULL,
    field_mappings       JSONB NOT NULL DEFAULT '{}',
    transformation_rules JSONB NOT NULL DEFAULT '{}',
    is_required          BOOLEAN NOT NULL DEFAULT TRUE,
    created_at           TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    CONSTRAINT template_flow_connections_composition_connection_key UNIQUE (composition_id, connection_id),
    CONSTRAINT template_flow_connections_source_fkey FOREIGN KEY (composition_id, source_node_id)
        REFERENCES template_flow_nodes (composition_id, node_id) ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT template_flow_connections_target_fkey FOREIGN KEY (composition_id, target_node_id)
        REFERENCES template_flow_nodes (composition_id, node_id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX template_flow_connections_source_idx ON template_flow_connections (composition_id, source_node_id);
CREATE INDEX template_flow_connections_target_idx ON template_flow_connections (composition_id, target_node_id);

CREATE TABLE composition_versions (
    id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    composition_id UUID NOT NULL REFERENCES template_flow_compositions (id) ON DELETE CASCADE,
    version        INTEGER NOT NULL CHECK (version >= 1),
    snapshot       JSONB NOT NULL,
    created_by     TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at     TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    CONSTRAINT composition_versions_composition_version_key UNIQUE (composition_id, version)
);

CREATE TABLE workflows (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    template_id TEXT NOT NULL REFERENCES query_flow_templates (template_id) ON UPDATE CASCADE,
    parameters  JSONB NOT NULL DEFAULT '{}',
    owner_id    TEXT REFERENCES users (id) ON DELETE SET NULL,
    is_active   BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX workflows_owner_idx ON workflows (owner_id);

CREATE TABLE workflow_schedules (
    id                     UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workflow_id            UUID REFERENCES workflows (id) ON DELETE CASCADE,
    composition_id         UUID REFERENCES template_flow_compositions (id) ON DELETE CASCADE,
    name                   TEXT NOT NULL DEFAULT '',
    cron_expression        TEXT NOT NULL,
    timezone               TEXT NOT NULL DEFAULT 'UTC',
    composition_parameters JSONB NOT NULL DEFAULT '{}',
    is_active              BOOLEAN NOT NULL DEFAULT TRUE,
    overlap_policy         TEXT NOT NULL DEFAULT 'skip' CHECK (overlap_policy IN ('skip', 'allow')),
    missed_run_policy      TEXT NOT NULL DEFAULT 'skip' CHECK (missed_run_policy IN ('skip', 'run_once')),
    next_run_at            TIMESTAMPTZ(3),
    last_run_at            TIMESTAMPTZ(3),
    created_by             TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at             TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    updated_at             TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    CONSTRAINT workflow_schedules_target_check CHECK ((workflow_id IS NULL) <> (composition_id IS NULL))
);
CREATE INDEX workflow_schedules_composition_idx ON workflow_schedules (composition_id) WHERE composition_id IS NOT NULL;
CREATE INDEX workflow_schedules_workflow_idx ON workflow_schedules (workflow_id) WHERE workflow_id IS NOT NULL;

CREATE TABLE composition_executions (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    composition_id  UUID NOT NULL REFERENCES template_flow_compositions (id) ON DELETE CASCADE,
    version_id      UUID REFERENCES composition_versions (id) ON DELETE SET NULL,
    version         INTEGER NOT NULL CHECK (version >= 1),
    status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
    trigger         TEXT NOT NULL CHECK (trigger IN ('manual', 'schedule', 'api')),
    triggered_by    TEXT REFERENCES users (id) ON DELETE SET NULL,
    schedule_id     UUID REFERENCES workflow_schedules (id) ON DELETE SET NULL,
    retry_of_id     UUID REFERENCES composition_executions (id) ON DELETE SET NULL,
    parameters      JSONB NOT NULL DEFAULT '{}',
    total_nodes     INTEGER NOT NULL DEFAULT 0,
    completed_nodes INTEGER NOT NULL DEFAULT 0,
    failed_nodes    INTEGER NOT NULL DEFAULT 0,
    skipped_nodes   INTEGER NOT NULL DEFAULT 0,
    cancelled_nodes INTEGER NOT NULL DEFAULT 0,
    error           TEXT,
    started_at      TIMESTAMPTZ(3),
    finished_at     TIMESTAMPTZ(3),
    duration_ms     INTEGER,
    created_at      TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX composition_executions_composition_idx ON composition_executions (composition_id, created_at DESC);
CREATE INDEX composition_executions_created_idx ON composition_executions (created_at DESC);
CREATE INDEX composition_executions_live_idx ON composition_executions (status) WHERE status IN ('pending', 'running');
CREATE INDEX composition_executions_schedule_idx ON composition_executions (schedule_id) WHERE schedule_id IS NOT NULL;

CREATE TABLE workflow_executions (
    id                       UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workflow_id              UUID REFERENCES workflows (id) ON DELETE CASCADE,
    template_id              TEXT NOT NULL REFERENCES query_flow_templates (template_id) ON UPDATE CASCADE,
    composition_execution_id UUID REFERENCES composition_executions (id) ON DELETE CASCADE,
    composition_node_id      TEXT,
    status                   TEXT NOT NULL DEFAULT 'pending'
                             CHECK (status IN ('pending', 'queued', 'running', 'completed', 'failed', 'cancelled', 'skipped')),
    trigger                  TEXT NOT NULL DEFAULT 'manual' CHECK (trigger IN ('manual', 'schedule', 'api')),
    triggered_by             TEXT REFERENCES users (id) ON DELETE SET NULL,
    parameter_mappings       JSONB NOT NULL DEFAULT '{}',
    input                    JSONB,
    input_sources            JSONB,
    output                   JSONB,
    result_metadata          JSONB,
    error                    TEXT,
    attempt                  INTEGER NOT NULL DEFAULT 0,
    max_retries              INTEGER NOT NULL DEFAULT 3 CHECK (max_retries >= 0),
    started_at               TIMESTAMPTZ(3),
    finished_at              TIMESTAMPTZ(3),
    duration_ms              INTEGER,
    heartbeat_at             TIMESTAMPTZ(3),
    worker_id                TEXT,
    created_at               TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    updated_at               TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    CONSTRAINT workflow_executions_node_check
        CHECK ((composition_execution_id IS NULL) = (composition_node_id IS NULL))
);
-- One row per node and run; partial because standalone workflow runs have no master execution.
CREATE UNIQUE INDEX workflow_executions_composition_execution_idx
    ON workflow_executions (composition_execution_id, composition_node_id)
    WHERE composition_execution_id IS NOT NULL;
CREATE INDEX workflow_executions_workflow_idx ON workflow_executions (workflow_id, created_at DESC) WHERE workflow_id IS NOT NULL;
CREATE INDEX workflow_executions_running_idx ON workflow_executions (heartbeat_at) WHERE status = 'running';

-- Tabular results in chunks of consecutive rows, so a page at any offset reads one or two chunks.
CREATE TABLE node_results (
    id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workflow_execution_id UUID NOT NULL REFERENCES workflow_executions (id) ON DELETE CASCADE,
    chunk_index           INTEGER NOT NULL CHECK (chunk_index >= 0),
    row_offset            INTEGER NOT NULL CHECK (row_offset >= 0),
    row_count             INTEGER NOT NULL CHECK (row_count >= 0),
    rows                  JSONB NOT NULL,
    created_at            TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    CONSTRAINT node_results_chunk_key UNIQUE (workflow_execution_id, chunk_index)
);

CREATE TABLE execution_logs (
    id                       BIGSERIAL PRIMARY KEY,
    composition_execution_id UUID REFERENCES composition_executions (id) ON DELETE CASCADE,
    workflow_execution_id    UUID REFERENCES workflow_executions (id) ON DELETE CASCADE,
    level                    TEXT NOT NULL CHECK (level IN ('debug', 'info', 'warn', 'error')),
    message                  TEXT NOT NULL,
    data                     JSONB,
    created_at               TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    CONSTRAINT execution_logs_owner_check
        CHECK (composition_execution_id IS NOT NULL OR workflow_execution_id IS NOT NULL)
);
CREATE INDEX execution_logs_composition_execution_idx ON execution_logs (composition_execution_id, id) WHERE composition_execution_id IS NOT NULL;
CREATE INDEX execution_logs_workflow_execution_idx ON execution_logs (workflow_execution_id, id) WHERE workflow_execution_id IS NOT NULL;

CREATE TABLE user_composition_favorites (
    user_id        TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    composition_id UUID NOT NULL REFERENCES template_flow_compositions (id) ON DELETE CASCADE,
    created_at     TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, composition_id)
);
CREATE INDEX user_composition_favorites_composition_idx ON user_composition_favorites (composition_id);
