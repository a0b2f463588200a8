-- Deterministic sample data for the warehouse schema: 60 campaigns, 240 products, 396 days of daily
-- metrics (2025-01-01 .. 2026-01-31) and daily conversions per advertised product. Every value
-- comes from warehouse.seeded_random over fixed keys, so every machine loads identical rows.
-- Run only when warehouse.campaigns is empty (lib/db/seed.ts), inside one transaction.

INSERT INTO warehouse.campaigns (campaign_id, campaign_name, channel, objective, status, daily_budget, start_date, end_date)
SELECT
    format('CMP-%s', lpad(n::text, 3, '0')),
    format('%s %s %s',
        (ARRAY['Spring', 'Summer', 'Autumn', 'Winter', 'Evergreen', 'Holiday', 'Launch', 'Clearance'])[1 + (n % 8)],
        (ARRAY['Kitchen', 'Outdoor', 'Fitness', 'Office', 'Garden', 'Travel', 'Audio', 'Toys', 'Beauty', 'Pets'])[1 + ((n * 7) % 10)],
        (ARRAY['Push', 'Boost', 'Reach', 'Retarget', 'Promo', 'Always-On'])[1 + ((n * 5) % 6)]),
    (ARRAY['search', 'display', 'video', 'social', 'shopping'])[1 + (n % 5)],
    (ARRAY['awareness', 'consideration', 'conversion'])[1 + ((n * 3) % 3)],
    CASE WHEN n % 11 = 0 THEN 'paused' WHEN n % 17 = 0 THEN 'archived' ELSE 'active' END,
    round((50 + warehouse.seeded_random('budget' || n) * 950)::numeric, 2),
    DATE '2025-01-01',
    NULL
FROM generate_series(1, 60) AS n;

INSERT INTO warehouse.products (asin, title, brand, category, price)
SELECT
    'B0' || upper(substr(md5('asin' || n), 1, 8)),
    format('%s %s %s',
        (ARRAY['Acme', 'Northwind', 'Contoso', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne'])[1 + (n % 8)],
        (ARRAY['Pro', 'Lite', 'Max', 'Mini', 'Classic', 'Ultra'])[1 + ((n * 5) % 6)],
        (ARRAY['Blender', 'Tent', 'Kettlebell', 'Desk Lamp', 'Hose', 'Backpack', 'Headphones', 'Puzzle', 'Serum', 'Leash'])[1 + ((n * 3) % 10)]),
    (ARRAY['Acme', 'Northwind', 'Contoso', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne'])[1 + (n % 8)],
    (ARRAY['Kitchen', 'Outdoor', 'Fitness', 'Office', 'Garden', 'Travel', 'Audio', 'Toys', 'Beauty', 'Pets'])[1 + ((n * 3) % 10)],
    round((5 + warehouse.seeded_random('price' || n) * 295)::numeric, 2)
FROM generate_series(1, 240) AS n;

-- Each campaign advertises four products.
INSERT INTO warehouse.campaign_products (campaign_id, asin)
SELECT DISTINCT c.campaign_id, p.asin
FROM warehouse.campaigns c
CROSS JOIN generate_series(0, 3) AS k
JOIN LATERAL (
    SELECT asin FROM warehouse.products ORDER BY asin
    OFFSET (substr(c.campaign_id, 5)::int * 4 + k * 61) % 240 LIMIT 1
) p ON TRUE;

INSERT INTO warehouse.daily_metrics (campaign_id, metric_date, impressions, clicks, spend)
SELECT
    c.campaign_id,
    d::date,
    m.impressions,
    m.clicks,
    round((m.clicks * (0.2 + warehouse.seeded_random('cpc' || c.campaign_id || d::date) * 1.8))::numeric, 2)
FROM warehouse.campaigns c
CROSS JOIN generate_series(DATE '2025-01-01', DATE '2026-01-31', INTERVAL '1 day') AS d
CROSS JOIN LATERAL (
    SELECT
        imp.impressions,
        floor(imp.impressions * (0.005 + warehouse.seeded_random('ctr' || c.campaign_id || d::date) * 0.045))::int AS clicks
    FROM (
        SELECT floor(
            c.daily_budget * 40
            * (0.5 + warehouse.seeded_random('imp' || c.campaign_id || d::date))
            * CASE WHEN extract(isodow FROM d) IN (6, 7) THEN 0.8 ELSE 1.0 END
            * CASE WHEN extract(month FROM d) IN (11, 12) THEN 1.4 ELSE 1.0 END
        )::bigint AS impressions
    ) imp
) m;

INSERT INTO warehouse.conversions (campaign_id, asin, conversion_date, orders, units, revenue)
SELECT
    cp.campaign_id,
    cp.asin,
    dm.metric_date,
    o.orders,
    o.orders + floor(o.orders * warehouse.seeded_random('units' || cp.campaign_id || cp.asin || dm.metric_date) * 0.5)::int,
    round((o.orders * p.price)::numeric, 2)
FROM warehouse.campaign_products cp
JOIN warehouse.products p ON p.asin = cp.asin
JOIN warehouse.daily_metrics dm ON dm.campaign_id = cp.campaign_id
CROSS JOIN LATERAL (
    SELECT floor(dm.clicks * (0.002 + warehouse.seeded_random('cvr' || cp.campaign_id || cp.asin || dm.metric_date) * 0.008))::int AS orders
) o
WHERE o.orders > 0;
