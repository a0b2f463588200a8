import type { DbOrTx } from "@/lib/db/client";

export const DEMO_COMPOSITION_ID = "comp_campaign_analysis_v1";

const campaignIdsFromTop = {
  fieldMappings: { campaign_ids: "campaign_id" },
  transformationRules: { campaign_ids: "collect" },
};

const connections = [
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
];

// Execution levels of this fixed graph: top campaigns, then the two branches in parallel, then the summary.
const nodes = [
  { nodeId: "top_campaigns", templateId: "top_campaigns", x: 0, y: 150, level: 0, overrides: { limit: 10 } },
  {
    nodeId: "daily_performance",
    templateId: "campaign_daily_performance",
    x: 380,
    y: 0,
    level: 1,
    overrides: {},
  },
  { nodeId: "asin_performance", templateId: "asin_performance", x: 380, y: 300, level: 1, overrides: {} },
  { nodeId: "summary", templateId: "campaign_summary", x: 760, y: 150, level: 2, overrides: {} },
];

/** Each node's parameter mappings, derived from the connections that feed it. */
function mappingsFor(nodeId: string) {
  const mappings: Record<
    string,
    { connectionId: string; sourceNodeId: string; sourceField: string; rule: string }
  > = {};
  for (const connection of connections.filter((c) => c.targetNodeId === nodeId)) {
    for (const [param, sourceField] of Object.entries(connection.fieldMappings)) {
      mappings[param] = {
        connectionId: connection.connectionId,
        sourceNodeId: connection.sourceNodeId,
        sourceField,
        rule: connection.transformationRules[param as keyof typeof connection.transformationRules] ?? "first",
      };
    }
  }
  return mappings;
}

/** Creates the public demo composition (top campaigns → daily ∥ ASINs → summary) unless it exists. */
export async function ensureDemoComposition(db: DbOrTx): Promise<boolean> {
  const existing = await db.composition.findUnique({ where: { compositionId: DEMO_COMPOSITION_ID } });
  if (existing) return false;
  await db.composition.create({
    data: {
      compositionId: DEMO_COMPOSITION_ID,
      name: "Campaign analysis",
      description:
        "Top campaigns by revenue, their daily performance and ASIN performance in parallel, then a summary with ROAS and the best products.",
      tags: ["ads", "demo"],
      isPublic: true,
      globalParameters: { start_date: "2025-01-01", end_date: "2025-03-31" },
      canvasState: { viewport: { x: 0, y: 0, zoom: 1 } },
      nodes: {
        create: nodes.map((node) => ({
          nodeId: node.nodeId,
          templateId: node.templateId,
          positionX: node.x,
          positionY: node.y,
          parameterOverrides: node.overrides,
          parameterMappings: mappingsFor(node.nodeId),
          executionOrder: node.level,
        })),
      },
    },
  });
  const composition = await db.composition.findUniqueOrThrow({
    where: { compositionId: DEMO_COMPOSITION_ID },
  });
  await db.compositionConnection.createMany({
    data: connections.map((connection) => ({
      compositionId: composition.id,
      isRequired: true,
      ...connection,
    })),
  });
  return true;
}
