-- A connection hands its target either fields mapped into parameters ('mapping', as before) or the
-- source's whole result as a table its target's SQL reads by `alias` ('table', into a node of kind
-- results_sql). A table connection always has an alias; a mapping never has one.
ALTER TABLE template_flow_connections
  ADD COLUMN kind TEXT NOT NULL DEFAULT 'mapping' CHECK (kind IN ('mapping', 'table')),
  ADD COLUMN alias TEXT,
  ADD CONSTRAINT template_flow_connections_alias_check CHECK ((kind = 'table') = (alias IS NOT NULL));

-- The kind of node that queries its upstream tables with SQL (DuckDB, in memory, isolated).
ALTER TABLE query_flow_templates DROP CONSTRAINT query_flow_templates_kind_check;
ALTER TABLE query_flow_templates ADD CONSTRAINT query_flow_templates_kind_check
  CHECK (kind IN ('sql', 'http', 'transform', 'delay', 'echo', 'results_sql'));
