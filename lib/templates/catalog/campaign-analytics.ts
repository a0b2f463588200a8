import type { ParameterSpec, TemplateDefinition } from "../types";

const dateRange: ParameterSpec[] = [
  {
    name: "start_date",
    type: "date",
    required: true,
    default: "2025-01-01",
    description: "First day, inclusive.",
  },
  {
    name: "end_date",
    type: "date",
    required: true,
    default: "2025-12-31",
    description: "Last day, inclusive.",
  },
];

const campaignIds: ParameterSpec = {
  name: "campaign_ids",
  type: "string[]",
  required: true,
  description: "Campaigns to include (e.g. collected from Top campaigns).",
};

/** SQL templates over the sample warehouse (prisma/warehouse). Parameters are bound by name. */
export const campaignAnalyticsTemplates: TemplateDefinition[] = [
  {
    templateId: "top_campaigns",
    name: "Top campaigns",
    description: "Campaigns ranked by attributed revenue over a date range, with spend and ROAS.",
    category: "Campaign analytics",
    kind: "sql",
    tags: ["ads", "campaigns"],
    version: 1,
    parameters: [
      ...dateRange,
      {
        name: "channel",
        type: "string",
        required: false,
        description: "Only campaigns of this channel; all channels when empty.",
        enum: ["search", "display", "video", "social", "shopping"],
      },
      {
        name: "limit",
        type: "integer",
        required: false,
        default: 10,
        min: 1,
        max: 1000,
        description: "How many campaigns.",
      },
    ],
    outputs: [
      { name: "campaign_id", type: "string" },
      { name: "campaign_name", type: "string" },
      { name: "channel", type: "string" },
      { name: "impressions", type: "integer" },
      { name: "clicks", type: "integer" },
      { name: "spend", type: "number" },
      { name: "revenue", type: "number" },
      { name: "roas", type: "number" },
    ],
    chartConfig: { type: "bar", x: "campaign_name", y: ["revenue", "spend"] },
    definition: {
      sql: `WITH revenue AS (
  SELECT campaign_id, sum(revenue) AS revenue
  FROM warehouse.conversions
  WHERE conversion_date BETWEEN :start_date AND :end_date
  GROUP BY campaign_id
), metrics AS (
  SELECT campaign_id, sum(impressions) AS impressions, sum(clicks) AS clicks, sum(spend) AS spend
  FROM warehouse.daily_metrics
  WHERE metric_date BETWEEN :start_date AND :end_date
  GROUP BY campaign_id
)
SELECT c.campaign_id, c.campaign_name, c.channel,
       m.impressions::bigint AS impressions, m.clicks::bigint AS clicks, m.spend,
       coalesce(r.revenue, 0) AS revenue,
       round(coalesce(r.revenue, 0) / nullif(m.spend, 0), 2) AS roas
FROM warehouse.campaigns c
JOIN metrics m USING (campaign_id)
LEFT JOIN revenue r USING (campaign_id)
WHERE :channel::text IS NULL OR c.channel = :channel
ORDER BY revenue DESC, c.campaign_id
LIMIT :limit`,
    },
  },
  {
    templateId: "campaign_daily_performance",
    name: "Daily performance",
    description: "Day-by-day impressions, clicks, CTR, spend and CPC for the given campaigns.",
    category: "Campaign analytics",
    kind: "sql",
    tags: ["ads", "campaigns", "time series"],
    version: 1,
    parameters: [campaignIds, ...dateRange],
    outputs: [
      { name: "metric_date", type: "date" },
      { name: "impressions", type: "integer" },
      { name: "clicks", type: "integer" },
      { name: "ctr", type: "number" },
      { name: "spend", type: "number" },
      { name: "cpc", type: "number" },
    ],
    chartConfig: { type: "line", x: "metric_date", y: ["spend", "clicks"] },
    definition: {
      sql: `SELECT metric_date,
       sum(impressions)::bigint AS impressions,
       sum(clicks)::bigint AS clicks,
       round(sum(clicks)::numeric / nullif(sum(impressions), 0), 4) AS ctr,
       sum(spend) AS spend,
       round(sum(spend) / nullif(sum(clicks), 0), 2) AS cpc
FROM warehouse.daily_metrics
WHERE campaign_id = ANY(:campaign_ids)
  AND metric_date BETWEEN :start_date AND :end_date
GROUP BY metric_date
ORDER BY metric_date`,
    },
  },
  {
    templateId: "asin_performance",
    name: "ASIN performance",
    description: "Orders, units and revenue per advertised product (ASIN) for the given campaigns.",
    category: "Campaign analytics",
    kind: "sql",
    tags: ["ads", "products"],
    version: 1,
    parameters: [
      campaignIds,
      ...dateRange,
      {
        name: "min_orders",
        type: "integer",
        required: false,
        default: 0,
        min: 0,
        description: "Hide products with fewer orders.",
      },
    ],
    outputs: [
      { name: "asin", type: "string" },
      { name: "title", type: "string" },
      { name: "category", type: "string" },
      { name: "orders", type: "integer" },
      { name: "units", type: "integer" },
      { name: "revenue", type: "number" },
    ],
    chartConfig: { type: "bar", x: "asin", y: ["revenue"] },
    definition: {
      sql: `SELECT p.asin, p.title, p.category,
       sum(cv.orders)::bigint AS orders, sum(cv.units)::bigint AS units, sum(cv.revenue) AS revenue
FROM warehouse.conversions cv
JOIN warehouse.products p USING (asin)
WHERE cv.campaign_id = ANY(:campaign_ids)
  AND cv.conversion_date BETWEEN :start_date AND :end_date
GROUP BY p.asin, p.title, p.category
HAVING sum(cv.orders) >= :min_orders
ORDER BY revenue DESC, p.asin`,
    },
  },
  {
    templateId: "channel_summary",
    name: "Channel summary",
    description: "Spend, revenue and ROAS per advertising channel.",
    category: "Campaign analytics",
    kind: "sql",
    tags: ["ads", "channels"],
    version: 1,
    parameters: [...dateRange],
    outputs: [
      { name: "channel", type: "string" },
      { name: "campaigns", type: "integer" },
      { name: "spend", type: "number" },
      { name: "revenue", type: "number" },
      { name: "roas", type: "number" },
    ],
    chartConfig: { type: "pie", x: "channel", y: ["spend"] },
    definition: {
      sql: `WITH spend AS (
  SELECT c.channel, count(DISTINCT c.campaign_id) AS campaigns, sum(m.spend) AS spend
  FROM warehouse.campaigns c JOIN warehouse.daily_metrics m USING (campaign_id)
  WHERE m.metric_date BETWEEN :start_date AND :end_date
  GROUP BY c.channel
), revenue AS (
  SELECT c.channel, sum(cv.revenue) AS revenue
  FROM warehouse.campaigns c JOIN warehouse.conversions cv USING (campaign_id)
  WHERE cv.conversion_date BETWEEN :start_date AND :end_date
  GROUP BY c.channel
)
SELECT s.channel, s.campaigns::int AS campaigns, s.spend, coalesce(r.revenue, 0) AS revenue,
       round(coalesce(r.revenue, 0) / nullif(s.spend, 0), 2) AS roas
FROM spend s LEFT JOIN revenue r USING (channel)
ORDER BY s.spend DESC`,
    },
  },
  {
    templateId: "monthly_trend",
    name: "Monthly trend",
    description: "Spend, clicks and revenue per month, for all campaigns or the given ones.",
    category: "Campaign analytics",
    kind: "sql",
    tags: ["ads", "time series"],
    version: 1,
    parameters: [
      { ...campaignIds, required: false, description: "Campaigns to include; all when empty." },
      ...dateRange,
    ],
    outputs: [
      { name: "month", type: "date" },
      { name: "clicks", type: "integer" },
      { name: "spend", type: "number" },
      { name: "revenue", type: "number" },
    ],
    chartConfig: { type: "area", x: "month", y: ["revenue", "spend"] },
    definition: {
      sql: `WITH m AS (
  SELECT date_trunc('month', metric_date)::date AS month, sum(clicks) AS clicks, sum(spend) AS spend
  FROM warehouse.daily_metrics
  WHERE metric_date BETWEEN :start_date AND :end_date
    AND (:campaign_ids::text[] IS NULL OR campaign_id = ANY(:campaign_ids))
  GROUP BY 1
), r AS (
  SELECT date_trunc('month', conversion_date)::date AS month, sum(revenue) AS revenue
  FROM warehouse.conversions
  WHERE conversion_date BETWEEN :start_date AND :end_date
    AND (:campaign_ids::text[] IS NULL OR campaign_id = ANY(:campaign_ids))
  GROUP BY 1
)
SELECT m.month, m.clicks::bigint AS clicks, m.spend, coalesce(r.revenue, 0) AS revenue
FROM m LEFT JOIN r USING (month)
ORDER BY m.month`,
    },
  },
  {
    templateId: "product_catalog",
    name: "Product catalog",
    description: "Products (ASINs) with brand, category and price, optionally filtered.",
    category: "Campaign analytics",
    kind: "sql",
    tags: ["products"],
    version: 1,
    parameters: [
      { name: "category", type: "string", required: false, description: "Only this category." },
      {
        name: "min_price",
        type: "number",
        required: false,
        default: 0,
        min: 0,
        description: "Cheapest price shown.",
      },
      { name: "asins", type: "string[]", required: false, description: "Only these ASINs." },
    ],
    outputs: [
      { name: "asin", type: "string" },
      { name: "title", type: "string" },
      { name: "brand", type: "string" },
      { name: "category", type: "string" },
      { name: "price", type: "number" },
    ],
    chartConfig: null,
    definition: {
      sql: `SELECT asin, title, brand, category, price
FROM warehouse.products
WHERE (:category::text IS NULL OR category = :category)
  AND price >= :min_price
  AND (:asins::text[] IS NULL OR asin = ANY(:asins))
ORDER BY asin`,
    },
  },
];
