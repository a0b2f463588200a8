import type { CompositionDocumentInput } from "./schema";

export const DEMO_COMPOSITION_ID = "comp_campaign_analysis_v1";

const campaignIdsFromTop = {
  fieldMappings: { campaign_ids: "campaign_id" },
  transformationRules: { campaign_ids: "collect" as const },
};

/** Top campaigns → daily performance ∥ ASIN performance → summary. */
export const demoComposition: CompositionDocumentInput = {
  compositionId: DEMO_COMPOSITION_ID,
  name: "Campaign analysis",
  description:
    "Top campaigns by revenue, their daily performance and ASIN performance in parallel, then a summary with ROAS and the best products.",
  tags: ["ads", "demo"],
  isPublic: true,
  globalParameters: { start_date: "2025-01-01", end_date: "2025-03-31" },
  nodes: [
    {
      nodeId: "top_campaigns",
      templateId: "top_campaigns",
      position: { x: 0, y: 150 },
      parameterOverrides: { limit: 10 },
    },
    { nodeId: "daily_performance", templateId: "campaign_daily_performance", position: { x: 380, y: 0 } },
    { nodeId: "asin_performance", templateId: "asin_performance", position: { x: 380, y: 300 } },
    { nodeId: "summary", templateId: "campaign_summary", position: { x: 760, y: 150 } },
  ],
  connections: [
    {
      connectionId: "top_to_daily",
      sourceNodeId: "top_campaigns",
      targetNodeId: "daily_performance",
      ...campaignIdsFromTop,
    },
    {
      connectionId: "top_to_asins",
      sourceNodeId: "top_campaigns",
      targetNodeId: "asin_performance",
      ...campaignIdsFromTop,
    },
    {
      connectionId: "daily_to_summary",
      sourceNodeId: "daily_performance",
      targetNodeId: "summary",
      fieldMappings: { total_spend: "spend", total_clicks: "clicks" },
      transformationRules: { total_spend: "sum", total_clicks: "sum" },
    },
    {
      connectionId: "asins_to_summary",
      sourceNodeId: "asin_performance",
      targetNodeId: "summary",
      fieldMappings: { total_revenue: "revenue", top_asins: "asin" },
      transformationRules: { total_revenue: "sum", top_asins: "collect" },
    },
  ],
};
