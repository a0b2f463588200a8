-- Each node runs one version of its template, chosen when it was added or upgraded in the editor:
-- a new version of the template is offered to the node, never forced on it. Nodes saved so far
-- ran the current version, so they are pinned to it.
ALTER TABLE template_flow_nodes ADD COLUMN template_version integer CHECK (template_version >= 1);
UPDATE template_flow_nodes n SET template_version = t.version
FROM query_flow_templates t WHERE t.template_id = n.template_id;
ALTER TABLE template_flow_nodes ALTER COLUMN template_version SET NOT NULL;
