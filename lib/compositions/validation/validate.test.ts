import { describe, expect, it } from "vitest";
import { templateCatalog } from "@/lib/templates/catalog";
import {
  type CompositionDocument,
  type CompositionDocumentInput,
  compositionDocumentSchema,
} from "../schema";
import { templateInfoOf } from "../templates-info";
import { describedFindingCodes, type FindingCode, findingSeverity } from "./findings";
import { validateComposition, versionKey } from "./validate";

const templates = templateInfoOf(templateCatalog);
templates.set("retired", {
  templateId: "retired",
  version: 1,
  kind: "echo",
  isActive: false,
  parameters: [],
  outputs: [{ name: "x", type: "string", description: "" }],
});
templates.set("on_their_source", {
  templateId: "on_their_source",
  version: 1,
  kind: "sql",
  isActive: true,
  parameters: [],
  outputs: [{ name: "x", type: "string", description: "" }],
  sourceNotUsable: true,
});

/** The demo's shape: top campaigns → daily ∥ ASINs → summary, with every parameter satisfied. */
function demo(): CompositionDocumentInput {
  return {
    compositionId: "comp_demo",
    name: "Demo",
    globalParameters: { start_date: "2025-01-01", end_date: "2025-03-31" },
    nodes: [
      { nodeId: "top", templateId: "top_campaigns", parameterOverrides: { limit: 10 } },
      { nodeId: "daily", templateId: "campaign_daily_performance" },
      { nodeId: "asins", templateId: "asin_performance" },
      { nodeId: "summary", templateId: "campaign_summary" },
    ],
    connections: [
      {
        connectionId: "c1",
        sourceNodeId: "top",
        targetNodeId: "daily",
        fieldMappings: { campaign_ids: "campaign_id" },
        transformationRules: { campaign_ids: "collect" },
      },
      {
        connectionId: "c2",
        sourceNodeId: "top",
        targetNodeId: "asins",
        fieldMappings: { campaign_ids: "campaign_id" },
        transformationRules: { campaign_ids: "collect" },
      },
      {
        connectionId: "c3",
        sourceNodeId: "daily",
        targetNodeId: "summary",
        fieldMappings: { total_spend: "spend" },
        transformationRules: { total_spend: "sum" },
      },
      {
        connectionId: "c4",
        sourceNodeId: "asins",
        targetNodeId: "summary",
        fieldMappings: { total_revenue: "revenue", top_asins: "asin" },
        transformationRules: { total_revenue: "sum", top_asins: "collect" },
      },
    ],
  };
}

function validate(change: (doc: CompositionDocumentInput) => void) {
  const input = demo();
  change(input);
  return validateComposition(compositionDocumentSchema.parse(input) as CompositionDocument, templates);
}

const node = (doc: CompositionDocumentInput, id: string) => doc.nodes!.find((n) => n.nodeId === id)!;

/** Adds a "Query results" node `q` reading `daily` and `asins` as tables. */
function withQuery(
  doc: CompositionDocumentInput,
  query: unknown = "select * from daily join asins using (campaign_id)",
) {
  doc.nodes!.push({ nodeId: "q", templateId: "query_results", parameterOverrides: { query } });
  doc.connections!.push(
    { connectionId: "t1", sourceNodeId: "daily", targetNodeId: "q", kind: "table", alias: "daily" },
    { connectionId: "t2", sourceNodeId: "asins", targetNodeId: "q", kind: "table", alias: "asins" },
  );
}
const connection = (doc: CompositionDocumentInput, id: string) =>
  doc.connections!.find((c) => c.connectionId === id)!;

describe("validateComposition", () => {
  it("finds nothing wrong with the demo and plans it in three levels", () => {
    expect(validate(() => {})).toEqual({
      findings: [],
      plan: { levels: [["top"], ["daily", "asins"], ["summary"]] },
    });
  });

  const cases: [FindingCode, (doc: CompositionDocumentInput) => void, Record<string, unknown>][] = [
    [
      "invalid_composition_id",
      (d) => {
        d.compositionId = "Comp-Demo";
      },
      {},
    ],
    [
      "duplicate_node_id",
      (d) => {
        d.nodes!.push({ nodeId: "daily", templateId: "echo" });
      },
      { nodeId: "daily" },
    ],
    [
      "duplicate_connection_id",
      (d) => {
        d.connections!.push({ ...connection(d, "c1"), targetNodeId: "summary", fieldMappings: {} });
      },
      { connectionId: "c1" },
    ],
    [
      "unknown_node",
      (d) => {
        connection(d, "c3").targetNodeId = "ghost";
      },
      { connectionId: "c3", param: "targetNodeId" },
    ],
    [
      "unknown_template",
      (d) => {
        d.nodes!.push({ nodeId: "x", templateId: "no_such_template" });
      },
      { nodeId: "x" },
    ],
    [
      "inactive_template",
      (d) => {
        d.nodes!.push({ nodeId: "old", templateId: "retired" });
      },
      { nodeId: "old" },
    ],
    [
      "data_source_not_usable",
      (d) => {
        d.nodes!.push({ nodeId: "theirs", templateId: "on_their_source" });
      },
      { nodeId: "theirs" },
    ],
    [
      "unknown_template_version",
      (d) => {
        node(d, "top").templateVersion = 99;
      },
      { nodeId: "top" },
    ],
    [
      "no_nodes",
      (d) => {
        d.nodes = [];
        d.connections = [];
      },
      {},
    ],
    [
      "cycle",
      (d) => {
        d.connections!.push({ connectionId: "back", sourceNodeId: "summary", targetNodeId: "top" });
      },
      { nodeId: expect.any(String), path: expect.arrayContaining(["top", "summary"]) },
    ],
    [
      "missing_required_parameter",
      (d) => {
        connection(d, "c1").fieldMappings = {};
      },
      { nodeId: "daily", param: "campaign_ids" },
    ],
    [
      "unknown_parameter",
      (d) => {
        node(d, "top").parameterOverrides = { colour: "blue" };
      },
      { nodeId: "top", param: "colour" },
    ],
    [
      "unknown_source_field",
      (d) => {
        connection(d, "c3").fieldMappings = { total_spend: "cost" };
      },
      { connectionId: "c3", nodeId: "summary", param: "total_spend" },
    ],
    [
      "type_mismatch",
      (d) => {
        connection(d, "c3").transformationRules = { total_spend: "collect" };
      },
      { connectionId: "c3", nodeId: "summary", param: "total_spend" },
    ],
    [
      "parameter_mapped_twice",
      (d) => {
        connection(d, "c3").fieldMappings = { total_spend: "spend", top_asins: "metric_date" };
      },
      { nodeId: "summary", param: "top_asins" },
    ],
    [
      "invalid_override",
      (d) => {
        node(d, "top").parameterOverrides = { limit: "ten" };
      },
      { nodeId: "top", param: "limit" },
    ],
    [
      "invalid_global",
      (d) => {
        d.globalParameters = { start_date: "01/01/2025", end_date: "2025-03-31" };
      },
      { nodeId: "top", param: "start_date" },
    ],
    [
      "invalid_condition",
      (d) => {
        Object.assign(node(d, "summary"), { isConditional: true, conditionExpression: "daily[" });
      },
      { nodeId: "summary", param: "conditionExpression" },
    ],
    [
      "condition_not_upstream",
      (d) => {
        Object.assign(node(d, "daily"), { isConditional: true, conditionExpression: "$count(asins) > 0" });
      },
      { nodeId: "daily", param: "conditionExpression" },
    ],
    [
      "invalid_node_settings",
      (d) => {
        node(d, "daily").config = { maxRetries: 99 };
      },
      { nodeId: "daily", param: "config.maxRetries" },
    ],
    [
      "rule_not_chosen",
      (d) => {
        delete connection(d, "c3").transformationRules!.total_spend;
      },
      { connectionId: "c3", nodeId: "summary", param: "total_spend" },
    ],
    [
      "table_into_non_query",
      (d) => {
        d.connections!.push({
          connectionId: "t9",
          sourceNodeId: "top",
          targetNodeId: "summary",
          kind: "table",
          alias: "top",
        });
      },
      { connectionId: "t9", nodeId: "summary" },
    ],
    [
      "table_source_not_tabular",
      (d) => {
        withQuery(d);
        d.connections!.push({
          connectionId: "t9",
          sourceNodeId: "summary",
          targetNodeId: "q",
          kind: "table",
          alias: "summary",
        });
      },
      { connectionId: "t9", nodeId: "q" },
    ],
    [
      "table_not_required",
      (d) => {
        withQuery(d);
        connection(d, "t1").isRequired = false;
      },
      { connectionId: "t1", nodeId: "q" },
    ],
    [
      "duplicate_table_alias",
      (d) => {
        withQuery(d);
        connection(d, "t2").alias = "daily";
      },
      { connectionId: "t2", nodeId: "q" },
    ],
    [
      "no_input_tables",
      (d) => {
        d.nodes!.push({
          nodeId: "q",
          templateId: "query_results",
          parameterOverrides: { query: "select 1" },
        });
      },
      { nodeId: "q" },
    ],
    [
      "query_not_written",
      (d) => {
        withQuery(d, "select * from daily where campaign_id = '{{global.start_date}}'");
      },
      { nodeId: "q", param: "query" },
    ],
  ];

  it("has a case for every finding code but those of describing SQL (lib/compositions/validation/describe-tables.db.test.ts)", () => {
    const described = new Set<string>(describedFindingCodes);
    expect(cases.map(([code]) => code).sort()).toEqual(
      Object.keys(findingSeverity)
        .filter((code) => !described.has(code))
        .sort(),
    );
  });

  it("accepts a Query results node reading two tables, and plans it after them", () => {
    const { findings, plan } = validate((d) => withQuery(d));
    expect(findings).toEqual([]);
    expect(plan.levels).toEqual([["top"], ["daily", "asins"], ["summary", "q"]]);
  });

  it.each(cases)("reports %s at its location", (code, change, location) => {
    const { findings } = validate(change);
    expect(findings).toContainEqual(
      expect.objectContaining({
        code,
        severity: findingSeverity[code],
        message: expect.any(String),
        ...location,
      }),
    );
  });

  it("asks how rows combine only where the source is a table, and suggests a rule that fits", () => {
    const { findings } = validate((d) => {
      delete connection(d, "c3").transformationRules!.total_spend;
      delete connection(d, "c4").transformationRules!.top_asins;
    });
    expect(findings.map((f) => [f.param, f.message])).toEqual([
      ["total_spend", expect.stringContaining("choose how the rows combine (suggested: sum — adds up")],
      ["top_asins", expect.stringContaining("(suggested: collect — collects")],
    ]);
    const fromJson = validate((d) => {
      d.nodes!.push({ nodeId: "echo", templateId: "echo", parameterOverrides: { message: "hi" } });
      d.connections!.push({
        connectionId: "one_value",
        sourceNodeId: "summary",
        targetNodeId: "echo",
        fieldMappings: { message: "roas" },
      });
    });
    expect(fromJson.findings).toEqual([expect.objectContaining({ code: "type_mismatch" })]);
  });

  it("reports a cycle as its node path and plans nothing", () => {
    const { findings, plan } = validate((d) => {
      d.connections!.push({ connectionId: "back", sourceNodeId: "summary", targetNodeId: "top" });
    });
    const cycle = findings.find((f) => f.code === "cycle")!;
    expect(cycle.path).toHaveLength(4);
    expect(cycle.path![0]).toBe(cycle.path![3]);
    expect(cycle.message).toMatch(/form a cycle: \w+ → \w+ → \w+ → \w+/);
    expect(plan.levels).toEqual([]);
  });

  it("names a node by its label where it has one, and locates the finding by its stable id", () => {
    const { findings } = validate((d) => {
      node(d, "summary").label = "Campaign summary";
      d.connections!.push({ connectionId: "back", sourceNodeId: "summary", targetNodeId: "top" });
    });
    const cycle = findings.find((f) => f.code === "cycle")!;
    expect(cycle.message).toContain("Campaign summary");
    expect(cycle.message).not.toMatch(/[:→] summary\b/);
    expect(cycle.path).toContain("summary");
  });

  it("accepts an override that takes a defined global, and refuses one naming an undefined global", () => {
    expect(
      validate((d) => {
        node(d, "top").parameterOverrides = { start_date: "{{global.start_date}}" };
      }).findings,
    ).toEqual([]);
    const { findings } = validate((d) => {
      node(d, "top").parameterOverrides = { start_date: "{{global.since}}" };
    });
    expect(findings).toContainEqual(
      expect.objectContaining({
        code: "invalid_override",
        message: expect.stringMatching(/global parameter "since", which is not defined/),
      }),
    );
  });

  it("accepts a condition over upstream nodes", () => {
    expect(
      validate((d) => {
        Object.assign(node(d, "summary"), {
          isConditional: true,
          conditionExpression: "$count(top) > 0 and $count(daily) > 0",
        });
      }).findings,
    ).toEqual([]);
  });

  it("accepts a path into a JSON output and leaves its type to run time", () => {
    const { findings } = validate((d) => {
      d.nodes!.push(
        { nodeId: "call", templateId: "http_request", parameterOverrides: { url: "https://example.com" } },
        { nodeId: "say", templateId: "echo" },
      );
      d.connections!.push({
        connectionId: "c5",
        sourceNodeId: "call",
        targetNodeId: "say",
        fieldMappings: { message: "body.title" },
      });
    });
    expect(findings).toEqual([]);
  });

  describe("a node pinned to a version of its template", () => {
    // campaign_summary gets a new version without its top_asins parameter; the old one is kept.
    const summary = templates.get("campaign_summary")!;
    const next = summary.version + 1;
    const withNewVersion = new Map(templates);
    withNewVersion.set(versionKey("campaign_summary", summary.version), summary);
    withNewVersion.set("campaign_summary", {
      ...summary,
      version: next,
      parameters: summary.parameters.filter((spec) => spec.name !== "top_asins"),
    });
    const validatePinned = (version: number | undefined) => {
      const input = demo();
      node(input, "summary").templateVersion = version;
      return validateComposition(compositionDocumentSchema.parse(input), withNewVersion).findings;
    };

    it("is checked against that version, not the newer one", () => {
      expect(validatePinned(summary.version)).toEqual([]);
    });

    it("upgraded, reports the parameter the new version removed on the node and the connection", () => {
      const expected = [
        expect.objectContaining({
          code: "unknown_parameter",
          nodeId: "summary",
          connectionId: "c4",
          param: "top_asins",
          message: `Template "campaign_summary" (version ${next}) has no parameter "top_asins".`,
        }),
      ];
      expect(validatePinned(next)).toEqual(expected);
      // Unpinned (an API client that leaves the version out) means the current version.
      expect(validatePinned(undefined)).toEqual(expected);
    });
  });
});
