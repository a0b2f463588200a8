-- A node has a label its user gives it (findings, panels and runs use it); its node_id stays the
-- stable reference connections, results and conditions use. Empty: the template's name is shown.
ALTER TABLE template_flow_nodes ADD COLUMN label TEXT NOT NULL DEFAULT '';
