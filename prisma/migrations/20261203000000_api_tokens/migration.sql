-- Personal API tokens: `Authorization: Bearer qf_…` with the user's rights cut to the token's
-- scopes. Only a SHA-256 of the token is kept (it is 256 random bits: a slow hash adds nothing).
CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  token_hash text NOT NULL UNIQUE,
  -- The token's first characters, to tell tokens apart in a list.
  prefix text NOT NULL,
  scopes text[] NOT NULL CHECK (cardinality(scopes) >= 1 AND scopes <@ ARRAY['read', 'run', 'write']),
  expires_at timestamptz(3),
  last_used_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);
