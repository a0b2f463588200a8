import type { TemplateDefinition } from "../types";

/** General-purpose templates: HTTP calls, JSONata transforms, and delay/echo for demos and tests. */
export const utilityTemplates: TemplateDefinition[] = [
  {
    templateId: "campaign_summary",
    name: "Campaign summary",
    description: "Totals and ROAS from daily performance and ASIN performance, with the best products.",
    category: "Campaign analytics",
    kind: "transform",
    tags: ["ads", "summary"],
    version: 1,
    parameters: [
      { name: "total_spend", type: "number", required: true, description: "Sum of spend." },
      { name: "total_clicks", type: "integer", required: false, default: 0, description: "Sum of clicks." },
      { name: "total_revenue", type: "number", required: true, description: "Sum of revenue." },
      {
        name: "top_asins",
        type: "string[]",
        required: false,
        default: [],
        description: "ASINs, best first.",
      },
    ],
    outputs: [
      { name: "total_spend", type: "number" },
      { name: "total_clicks", type: "integer" },
      { name: "total_revenue", type: "number" },
      { name: "roas", type: "number" },
      { name: "top_asins", type: "string[]" },
    ],
    chartConfig: null,
    definition: {
      expression: `{
  "total_spend": total_spend,
  "total_clicks": total_clicks,
  "total_revenue": total_revenue,
  "roas": total_spend > 0 ? $round(total_revenue / total_spend, 2) : null,
  "top_asins": [top_asins][[0..4]]
}`,
    },
  },
  {
    templateId: "jsonata_transform",
    name: "JSONata transform",
    description: "Reshapes its input with a JSONata expression.",
    category: "Transform",
    kind: "transform",
    tags: ["transform"],
    version: 1,
    parameters: [
      {
        name: "input",
        type: "json",
        required: true,
        description: "The data to transform (`input` in the expression).",
      },
      {
        name: "expression",
        type: "string",
        required: true,
        default: "input",
        description: "A JSONata expression.",
      },
    ],
    outputs: [{ name: "result", type: "json" }],
    chartConfig: null,
    // The expression parameter is evaluated over { input }; see the transform executor.
    definition: { expression: "$eval(expression, {'input': input})" },
  },
  {
    templateId: "http_request",
    name: "HTTP request",
    description: "Calls an HTTP endpoint and returns its status and JSON (or text) body.",
    category: "Integration",
    kind: "http",
    tags: ["http", "api"],
    version: 1,
    parameters: [
      { name: "url", type: "string", required: true, description: "Absolute http(s) URL." },
      {
        name: "method",
        type: "string",
        required: false,
        default: "GET",
        enum: ["GET", "POST", "PUT", "PATCH", "DELETE"],
      },
      { name: "headers", type: "json", required: false, default: {}, description: "Header names to values." },
      { name: "body", type: "json", required: false, description: "Sent as JSON for POST, PUT and PATCH." },
    ],
    outputs: [
      { name: "status", type: "integer" },
      { name: "headers", type: "json" },
      { name: "body", type: "json" },
    ],
    chartConfig: null,
    definition: { method: "{{method}}", url: "{{url}}", headers: {}, body: "{{body}}" },
  },
  {
    templateId: "number_series",
    name: "Number series",
    description:
      "A generated table of 1…count with a label, a bucket and a deterministic pseudo-random value: a spine to join against, test data, or a large result.",
    category: "Utility",
    kind: "sql",
    tags: ["generate", "test data"],
    version: 1,
    parameters: [
      {
        name: "count",
        type: "integer",
        required: false,
        default: 100,
        min: 1,
        max: 1_000_000,
        description: "How many rows.",
      },
    ],
    outputs: [
      { name: "n", type: "integer" },
      { name: "label", type: "string" },
      { name: "bucket", type: "integer" },
      { name: "value", type: "number" },
    ],
    chartConfig: { type: "line", x: "n", y: ["value"] },
    definition: {
      sql: `SELECT g AS n, 'row ' || g AS label, g % 10 AS bucket,
       round((('x' || substr(md5(g::text), 1, 8))::bit(32)::int % 1000 + 1000) % 1000 / 10.0, 1) AS value
FROM generate_series(1, :count::int) AS g`,
    },
  },
  {
    templateId: "delay",
    name: "Delay",
    description: "Waits, then passes its input through. For demos, tests and benchmarks.",
    category: "Utility",
    kind: "delay",
    tags: ["utility"],
    version: 1,
    parameters: [
      { name: "milliseconds", type: "integer", required: false, default: 1000, min: 0, max: 3_600_000 },
      { name: "passthrough", type: "json", required: false, description: "Returned unchanged." },
    ],
    outputs: [
      { name: "waited_ms", type: "integer" },
      { name: "passthrough", type: "json" },
    ],
    chartConfig: null,
    definition: {},
  },
  {
    templateId: "echo",
    name: "Echo",
    description: "Returns its parameters unchanged. For demos and tests.",
    category: "Utility",
    kind: "echo",
    tags: ["utility"],
    version: 1,
    parameters: [
      { name: "message", type: "string", required: false, default: "hello" },
      { name: "value", type: "json", required: false },
    ],
    outputs: [
      { name: "message", type: "string" },
      { name: "value", type: "json" },
    ],
    chartConfig: null,
    definition: {},
  },
  {
    templateId: "query_results",
    name: "Query results",
    description:
      "SQL (DuckDB) over the results of the nodes connected to it as tables: join, filter and aggregate them, across sources.",
    category: "Transform",
    kind: "results_sql",
    tags: ["sql", "join", "tables"],
    version: 1,
    parameters: [
      {
        name: "query",
        type: "string",
        required: true,
        description: "One SELECT over the incoming tables, each named by its connection's alias.",
      },
    ],
    // Each node's own: described from its SQL over its inputs' columns when the composition is validated.
    outputs: [],
    chartConfig: null,
    definition: {},
  },
];
