-- better-auth's rate limiter keeps its counters here (rateLimit.storage = "database") rather than in
-- one process's memory: the sign-in limit then holds across web processes and restarts. One row
-- per client address and path; the daily retention job deletes rows idle for a day.
CREATE TABLE rate_limits (
    id           TEXT PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE,
    count        INTEGER NOT NULL,
    last_request BIGINT NOT NULL
);
