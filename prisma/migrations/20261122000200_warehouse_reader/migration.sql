-- The role SQL templates run as: it can read the warehouse schema and nothing else. The SQL executor
-- switches to it with SET LOCAL ROLE inside a READ ONLY transaction. Roles belong to the whole
-- server, so it is created only when missing.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'queryflow_warehouse_reader') THEN
        CREATE ROLE queryflow_warehouse_reader NOLOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA warehouse TO queryflow_warehouse_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA warehouse TO queryflow_warehouse_reader;
GRANT EXECUTE ON FUNCTION warehouse.seeded_random(TEXT) TO queryflow_warehouse_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA warehouse GRANT SELECT ON TABLES TO queryflow_warehouse_reader;
GRANT queryflow_warehouse_reader TO CURRENT_USER;
