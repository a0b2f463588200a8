-- Invite links: with SIGNUP=invite (the default once the first account exists) a new account needs
-- one. Only the token's sha256 is kept, so a database dump does not hand out working links.
CREATE TABLE invites (
    id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    token_hash    TEXT NOT NULL UNIQUE,
    note          TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 200),
    created_by    TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at    TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    expires_at    TIMESTAMPTZ(3) NOT NULL,
    used_at       TIMESTAMPTZ(3),
    used_by_email TEXT
);
CREATE INDEX invites_created_at_idx ON invites (created_at DESC);
