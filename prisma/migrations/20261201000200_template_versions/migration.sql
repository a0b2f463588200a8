-- Templates written in the app, next to the built-in catalog: an owner, public or private, the data
-- source a SQL template queries; and every version of every template, immutable, so a run executes
-- exactly the version its composition's snapshot recorded.
ALTER TABLE query_flow_templates
  ADD COLUMN owner_id text REFERENCES users (id) ON DELETE CASCADE,
  ADD COLUMN is_public boolean NOT NULL DEFAULT true,
  ADD COLUMN built_in boolean NOT NULL DEFAULT false,
  ADD COLUMN data_source_id uuid REFERENCES data_sources (id) ON DELETE RESTRICT;

-- Every template so far came from the catalog; its SQL templates query the sample warehouse.
UPDATE query_flow_templates SET built_in = true;
UPDATE query_flow_templates
SET data_source_id = (SELECT id FROM data_sources WHERE built_in = 'sample_warehouse')
WHERE kind = 'sql';

ALTER TABLE query_flow_templates
  ADD CONSTRAINT query_flow_templates_owner_check CHECK (built_in OR owner_id IS NOT NULL);
CREATE INDEX query_flow_templates_owner_idx ON query_flow_templates (owner_id);
CREATE INDEX query_flow_templates_data_source_idx ON query_flow_templates (data_source_id);

CREATE TABLE query_flow_template_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  template_id text NOT NULL REFERENCES query_flow_templates (template_id) ON UPDATE CASCADE ON DELETE CASCADE,
  version integer NOT NULL CHECK (version >= 1),
  kind text NOT NULL,
  definition jsonb NOT NULL,
  parameter_schema jsonb NOT NULL,
  output_schema jsonb NOT NULL,
  chart_config jsonb,
  data_source_id uuid REFERENCES data_sources (id) ON DELETE RESTRICT,
  author_id text REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE (template_id, version)
);

INSERT INTO query_flow_template_versions
  (template_id, version, kind, definition, parameter_schema, output_schema, chart_config, data_source_id, created_at)
SELECT template_id, version, kind, definition, parameter_schema, output_schema, chart_config, data_source_id, updated_at
FROM query_flow_templates;
