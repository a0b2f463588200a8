/**
 * Every finding code, and whether it is structural (the document cannot be saved: 400) or semantic
 * (saved as a draft, but cannot run: 422 on run). Codes are stable: clients match on them.
 */
export const findingSeverity = {
  invalid_composition_id: "structural",
  duplicate_node_id: "structural",
  duplicate_connection_id: "structural",
  unknown_node: "structural",
  unknown_template: "structural",
  inactive_template: "structural",
  no_nodes: "semantic",
  unknown_template_version: "semantic",
  data_source_not_usable: "semantic",
  cycle: "semantic",
  missing_required_parameter: "semantic",
  unknown_parameter: "semantic",
  unknown_source_field: "semantic",
  type_mismatch: "semantic",
  rule_not_chosen: "semantic",
  parameter_mapped_twice: "semantic",
  invalid_override: "semantic",
  invalid_node_settings: "semantic",
  invalid_global: "semantic",
  invalid_condition: "semantic",
  condition_not_upstream: "semantic",
  table_into_non_query: "semantic",
  table_source_not_tabular: "semantic",
  table_not_required: "semantic",
  duplicate_table_alias: "semantic",
  no_input_tables: "semantic",
  query_not_written: "semantic",
  query_parameters_unsupported: "semantic",
  invalid_query: "semantic",
} as const;

/** The codes that come of describing a "Query results" node's SQL in DuckDB (lib/tables/describe.ts). */
export const describedFindingCodes = ["query_parameters_unsupported", "invalid_query"] as const;

export type FindingCode = keyof typeof findingSeverity;
export type Severity = (typeof findingSeverity)[FindingCode];

export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  nodeId?: string;
  connectionId?: string;
  param?: string;
  /** For `cycle`: the node path, first node repeated at the end. */
  path?: string[];
}

export function finding(
  code: FindingCode,
  message: string,
  location: Omit<Finding, "code" | "severity" | "message"> = {},
): Finding {
  return { code, severity: findingSeverity[code], message, ...location };
}

export const isStructural = (item: Finding) => item.severity === "structural";
