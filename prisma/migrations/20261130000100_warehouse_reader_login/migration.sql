-- SQL templates connect as queryflow_warehouse_reader itself, never as the app's own user switching
-- role: a query can then do nothing the reader could not, whatever it says. Its password is made at
-- start-up (lib/db/warehouse-reader.ts) and kept here, where only the app's user can read it.
CREATE TABLE app_secrets (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
REVOKE ALL ON app_secrets FROM PUBLIC;

-- Every transaction of the reader is read-only, even one that does not say so.
ALTER ROLE queryflow_warehouse_reader SET default_transaction_read_only = on;
