-- Data sources: databases a user's SQL templates query. The connection holds what is not secret
-- (host, port, database, user, SSL mode); the password is sealed (AES-256-GCM, lib/security/secret-box.ts)
-- with a key that is not in this database. The sample warehouse is the one built-in source.
CREATE TABLE data_sources (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind IN ('postgres', 'duckdb')),
  owner_id text REFERENCES users (id) ON DELETE CASCADE,
  is_shared boolean NOT NULL DEFAULT false,
  built_in text UNIQUE CHECK (built_in IN ('sample_warehouse')),
  connection jsonb NOT NULL DEFAULT '{}',
  sealed_password text,
  schema_cache jsonb,
  schema_cached_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  -- A built-in source belongs to no one and is shared with everyone; any other has an owner.
  CHECK ((built_in IS NULL) = (owner_id IS NOT NULL)),
  CHECK (built_in IS NULL OR is_shared)
);
CREATE INDEX data_sources_owner_idx ON data_sources (owner_id);

INSERT INTO data_sources (name, kind, is_shared, built_in)
VALUES ('Sample warehouse', 'postgres', true, 'sample_warehouse');
