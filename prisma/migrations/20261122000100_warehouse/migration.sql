-- The sample data warehouse that SQL templates query: campaigns, their daily metrics, the products
-- (ASINs) they advertise, and attributed conversions. Data is loaded by prisma/warehouse/seed.sql.

CREATE SCHEMA warehouse;

-- A deterministic pseudo-random number in [0, 1) from a text seed: identical on every machine.
CREATE FUNCTION warehouse.seeded_random(seed TEXT) RETURNS DOUBLE PRECISION
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT ('x' || substr(md5(seed), 1, 8))::bit(32)::bigint / 4294967296.0
$$;

CREATE TABLE warehouse.campaigns (
    campaign_id   TEXT PRIMARY KEY,
    campaign_name TEXT NOT NULL,
    channel       TEXT NOT NULL CHECK (channel IN ('search', 'display', 'video', 'social', 'shopping')),
    objective     TEXT NOT NULL CHECK (objective IN ('awareness', 'consideration', 'conversion')),
    status        TEXT NOT NULL CHECK (status IN ('active', 'paused', 'archived')),
    daily_budget  NUMERIC(12, 2) NOT NULL,
    start_date    DATE NOT NULL,
    end_date      DATE
);

CREATE TABLE warehouse.products (
    asin     TEXT PRIMARY KEY,
    title    TEXT NOT NULL,
    brand    TEXT NOT NULL,
    category TEXT NOT NULL,
    price    NUMERIC(10, 2) NOT NULL
);

CREATE TABLE warehouse.campaign_products (
    campaign_id TEXT NOT NULL REFERENCES warehouse.campaigns (campaign_id),
    asin        TEXT NOT NULL REFERENCES warehouse.products (asin),
    PRIMARY KEY (campaign_id, asin)
);
CREATE INDEX campaign_products_asin_idx ON warehouse.campaign_products (asin);

CREATE TABLE warehouse.daily_metrics (
    campaign_id TEXT NOT NULL REFERENCES warehouse.campaigns (campaign_id),
    metric_date DATE NOT NULL,
    impressions BIGINT NOT NULL,
    clicks      INTEGER NOT NULL,
    spend       NUMERIC(12, 2) NOT NULL,
    PRIMARY KEY (campaign_id, metric_date)
);
CREATE INDEX daily_metrics_date_idx ON warehouse.daily_metrics (metric_date);

CREATE TABLE warehouse.conversions (
    campaign_id     TEXT NOT NULL REFERENCES warehouse.campaigns (campaign_id),
    asin            TEXT NOT NULL REFERENCES warehouse.products (asin),
    conversion_date DATE NOT NULL,
    orders          INTEGER NOT NULL,
    units           INTEGER NOT NULL,
    revenue         NUMERIC(12, 2) NOT NULL,
    PRIMARY KEY (campaign_id, asin, conversion_date)
);
CREATE INDEX conversions_date_idx ON warehouse.conversions (conversion_date);
CREATE INDEX conversions_asin_idx ON warehouse.conversions (asin);
