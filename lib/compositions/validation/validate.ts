import type { ParameterSpec, TemplateKind } from "@/lib/templates/types";
import { parameterValueError } from "@/lib/templates/values";
import type { OutputField, ValueType } from "@/lib/value-types";
import { nodeSettingsSchema } from "../node-settings";
import { globalReferences, parameterSource, wholeGlobalReference } from "../parameters";
import type { CompositionConnection, CompositionDocument, CompositionNode } from "../schema";
import { COMPOSITION_ID_PATTERN, nodeName, ruleFor } from "../schema";
import { ruleEffects, suggestedRule, yieldsRows } from "./aggregation";
import { mappingTypeError } from "./compatibility";
import { parseCondition } from "./condition";
import { type Finding, finding } from "./findings";
import { type ExecutionPlan, planExecution } from "./plan";
import { checkTables } from "./tables";

/** What validation needs to know of a template. */
export interface TemplateInfo {
  templateId: string;
  version: number;
  kind: TemplateKind;
  /** What the kind runs (an HTTP template's rows expression makes its output a table). */
  definition?: Record<string, unknown>;
  isActive: boolean;
  parameters: ParameterSpec[];
  outputs: OutputField[];
  /** It queries a data source the user validating may not use: it cannot run for them. */
  sourceNotUsable?: boolean;
}

/** Where an older version of a template is kept in the templates map (`id@version`). */
export const versionKey = (templateId: string, version: number) => `${templateId}@${version}`;

/**
 * The version of its template a node runs: the one it is pinned to, else the current one.
 * Undefined when the template, or the pinned version, is unknown.
 */
export function templateOfNode(
  templates: ReadonlyMap<string, TemplateInfo>,
  node: Pick<CompositionNode, "templateId" | "templateVersion">,
): TemplateInfo | undefined {
  const current = templates.get(node.templateId);
  if (!current || node.templateVersion === undefined || node.templateVersion === current.version)
    return current;
  return templates.get(versionKey(node.templateId, node.templateVersion));
}

export interface ValidationResult {
  findings: Finding[];
  plan: ExecutionPlan;
}

/**
 * Validates a composition against the template catalog (DESIGN §5) and computes its execution plan.
 * Pure and linear in nodes + connections + mapped parameters.
 */
export function validateComposition(
  document: CompositionDocument,
  templates: ReadonlyMap<string, TemplateInfo>,
  /** Outputs of nodes that have their own ("Query results" nodes, described from their SQL). */
  nodeOutputs: ReadonlyMap<string, OutputField[]> = new Map(),
): ValidationResult {
  const findings: Finding[] = [];

  if (document.compositionId !== undefined && !COMPOSITION_ID_PATTERN.test(document.compositionId)) {
    findings.push(
      finding(
        "invalid_composition_id",
        `Composition id "${document.compositionId}" must match ^comp_[a-z0-9_]+$ (lowercase letters, digits, _).`,
      ),
    );
  }

  const nodes = new Map<string, CompositionNode>();
  for (const node of document.nodes) {
    if (nodes.has(node.nodeId)) {
      findings.push(
        finding("duplicate_node_id", `Two nodes have the id "${node.nodeId}".`, { nodeId: node.nodeId }),
      );
      continue;
    }
    nodes.set(node.nodeId, node);
    const template = templateOfNode(templates, node);
    if (!templates.has(node.templateId)) {
      findings.push(
        finding("unknown_template", `Template "${node.templateId}" does not exist.`, { nodeId: node.nodeId }),
      );
    } else if (!template) {
      findings.push(
        finding(
          "unknown_template_version",
          `Template "${node.templateId}" has no version ${node.templateVersion}: upgrade the node to version ${templates.get(node.templateId)!.version}.`,
          { nodeId: node.nodeId },
        ),
      );
    } else if (!template.isActive) {
      findings.push(
        finding("inactive_template", `Template "${node.templateId}" is no longer available.`, {
          nodeId: node.nodeId,
        }),
      );
    } else if (template.sourceNotUsable) {
      findings.push(
        finding(
          "data_source_not_usable",
          `Template "${node.templateId}" queries a data source you may not use: ask its owner to share it.`,
          { nodeId: node.nodeId },
        ),
      );
    }
  }

  const connections: CompositionConnection[] = [];
  const connectionIds = new Set<string>();
  for (const connection of document.connections) {
    if (connectionIds.has(connection.connectionId)) {
      findings.push(
        finding("duplicate_connection_id", `Two connections have the id "${connection.connectionId}".`, {
          connectionId: connection.connectionId,
        }),
      );
      continue;
    }
    connectionIds.add(connection.connectionId);
    let known = true;
    for (const end of ["sourceNodeId", "targetNodeId"] as const) {
      if (!nodes.has(connection[end])) {
        known = false;
        findings.push(
          finding(
            "unknown_node",
            `Connection "${connection.connectionId}" points to node "${connection[end]}", which does not exist.`,
            {
              connectionId: connection.connectionId,
              param: end,
            },
          ),
        );
      }
    }
    if (known) connections.push(connection);
  }

  if (nodes.size === 0) findings.push(finding("no_nodes", "The composition has no nodes yet."));

  const { levels, cycle } = planExecution(
    [...nodes.keys()],
    connections.map((c) => [c.sourceNodeId, c.targetNodeId]),
  );
  if (cycle) {
    findings.push(
      finding(
        "cycle",
        `These nodes form a cycle: ${cycle.map((id) => nodeName(nodes.get(id) ?? { nodeId: id })).join(" → ")}.`,
        { nodeId: cycle[0], path: cycle },
      ),
    );
  }

  const mappedBy = checkMappings(connections, nodes, templates, nodeOutputs, findings);
  checkTables(
    connections,
    nodes,
    (node) => templateOfNode(templates, node),
    document.globalParameters,
    findings,
  );

  const sourcesOf = new Map<string, string[]>();
  for (const c of connections) {
    const sources = sourcesOf.get(c.targetNodeId);
    if (sources) sources.push(c.sourceNodeId);
    else sourcesOf.set(c.targetNodeId, [c.sourceNodeId]);
  }
  for (const node of nodes.values()) {
    const template = templateOfNode(templates, node);
    if (template)
      checkParameters(node, template, mappedBy.get(node.nodeId), document.globalParameters, findings);
    if (node.isConditional) checkCondition(node, sourcesOf, findings);
    checkSettings(node, findings);
  }

  return { findings, plan: { levels } };
}

/** Checks every field mapping; returns, per target node, which connections feed each parameter. */
function checkMappings(
  connections: CompositionConnection[],
  nodes: Map<string, CompositionNode>,
  templates: ReadonlyMap<string, TemplateInfo>,
  nodeOutputs: ReadonlyMap<string, OutputField[]>,
  findings: Finding[],
): Map<string, Map<string, string[]>> {
  const mappedBy = new Map<string, Map<string, string[]>>();
  for (const connection of connections) {
    const source = templateOfNode(templates, nodes.get(connection.sourceNodeId)!);
    const target = templateOfNode(templates, nodes.get(connection.targetNodeId)!);
    const feeds = mappedBy.get(connection.targetNodeId) ?? new Map<string, string[]>();
    mappedBy.set(connection.targetNodeId, feeds);
    for (const [param, sourceField] of Object.entries(connection.fieldMappings)) {
      const location = { connectionId: connection.connectionId, nodeId: connection.targetNodeId, param };
      const feeding = feeds.get(param);
      if (feeding) feeding.push(connection.connectionId);
      else feeds.set(param, [connection.connectionId]);
      if (!source || !target) continue; // unknown templates are already reported
      const spec = target.parameters.find((parameter) => parameter.name === param);
      if (!spec) {
        findings.push(unknownParameter(target, location));
        continue;
      }
      const outputs = nodeOutputs.get(connection.sourceNodeId) ?? source.outputs;
      const fieldType = outputFieldType(outputs, sourceField);
      if (!fieldType) {
        findings.push(
          finding(
            "unknown_source_field",
            `Node "${nodeName(nodes.get(connection.sourceNodeId)!)}" has no output field "${sourceField}" (it has ${outputs.map((o) => o.name).join(", ") || "none yet"}).`,
            location,
          ),
        );
        continue;
      }
      const rule = connection.transformationRules[param];
      if (!rule && yieldsRows(source)) {
        findings.push(
          ruleNotChosen(
            nodeName(nodes.get(connection.sourceNodeId)!),
            sourceField,
            fieldType,
            spec,
            location,
          ),
        );
        continue;
      }
      const error = mappingTypeError(fieldType, ruleFor(connection, param), spec.type);
      if (error) {
        findings.push(
          finding("type_mismatch", `"${sourceField}" cannot feed "${param}": ${error}.`, location),
        );
      }
    }
  }
  for (const [nodeId, feeds] of mappedBy) {
    for (const [param, sources] of feeds) {
      if (sources.length > 1) {
        findings.push(
          finding(
            "parameter_mapped_twice",
            `Parameter "${param}" is fed by ${sources.length} connections: ${sources.join(", ")}.`,
            {
              nodeId,
              param,
            },
          ),
        );
      }
    }
  }
  return mappedBy;
}

function ruleNotChosen(
  sourceName: string,
  sourceField: string,
  fieldType: ValueType,
  spec: ParameterSpec,
  location: { connectionId: string; nodeId: string; param: string },
) {
  const suggestion = suggestedRule(fieldType, spec.type);
  return finding(
    "rule_not_chosen",
    `"${sourceField}" of "${sourceName}" has one value per row, and "${spec.name}" takes one value: choose how the rows combine${
      suggestion
        ? ` (suggested: ${suggestion} — ${ruleEffects[suggestion].toLowerCase().replace(/\.$/, "")})`
        : ""
    }.`,
    location,
  );
}

function unknownParameter(
  template: TemplateInfo,
  location: { nodeId: string; param: string; connectionId?: string },
) {
  return finding(
    "unknown_parameter",
    `Template "${template.templateId}" (version ${template.version}) has no parameter "${location.param}".`,
    location,
  );
}

/** The type of an output field, or of a path into a JSON output (`result.book_id` → json). */
function outputFieldType(outputs: OutputField[], sourceField: string): ValueType | undefined {
  const exact = outputs.find((output) => output.name === sourceField);
  if (exact) return exact.type;
  const head = sourceField.split(".")[0];
  const container = outputs.find((output) => output.name === head);
  return container?.type === "json" ? "json" : undefined;
}

function checkParameters(
  node: CompositionNode,
  template: TemplateInfo,
  mapped: Map<string, string[]> | undefined,
  globals: Record<string, unknown>,
  findings: Finding[],
): void {
  const specs = new Map(template.parameters.map((spec) => [spec.name, spec]));
  for (const [param, value] of Object.entries(node.parameterOverrides)) {
    const location = { nodeId: node.nodeId, param };
    const spec = specs.get(param);
    if (!spec) {
      findings.push(unknownParameter(template, location));
      continue;
    }
    const error = overrideError(value, spec, globals);
    if (error) findings.push(finding("invalid_override", `"${param}" ${error}.`, location));
  }
  for (const spec of template.parameters) {
    const location = { nodeId: node.nodeId, param: spec.name };
    const source = parameterSource(spec, {
      mapped: mapped ?? new Map(),
      overrides: node.parameterOverrides,
      runParameters: {},
      globals,
    });
    if (source === "global") {
      const error = parameterValueError(globals[spec.name], spec);
      if (error) {
        findings.push(
          finding(
            "invalid_global",
            `Global parameter "${spec.name}" ${error} (node "${nodeName(node)}" uses it).`,
            location,
          ),
        );
      }
    }
    if (spec.required && !source) {
      findings.push(
        finding(
          "missing_required_parameter",
          `Node "${nodeName(node)}" needs a value for "${spec.name}": map it, set it, or add a global parameter.`,
          location,
        ),
      );
    }
  }
}

/** Overrides may be `{{global.name}}` (checked through that global) or contain such references in a string. */
function overrideError(value: unknown, spec: ParameterSpec, globals: Record<string, unknown>): string | null {
  if (typeof value === "string" && value.includes("{{")) {
    const missing = globalReferences(value).filter((name) => !(name in globals));
    if (missing.length) return `refers to global parameter "${missing[0]}", which is not defined`;
    const whole = wholeGlobalReference(value);
    if (whole) {
      const error = parameterValueError(globals[whole], spec);
      return error ? `takes global parameter "${whole}", which ${error}` : null;
    }
    return spec.type === "string" ? null : parameterValueError(value, spec);
  }
  return parameterValueError(value, spec);
}

/** A node's retries and timeout: the run would refuse what the save let through. */
function checkSettings(node: CompositionNode, findings: Finding[]): void {
  const parsed = nodeSettingsSchema.safeParse(node.config);
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const setting = issue.path.join(".");
    findings.push(
      finding(
        "invalid_node_settings",
        `Node "${nodeName(node)}": ${setting} ${issue.message.toLowerCase()}.`,
        {
          nodeId: node.nodeId,
          param: `config.${setting}`,
        },
      ),
    );
  }
}

function checkCondition(node: CompositionNode, sourcesOf: Map<string, string[]>, findings: Finding[]): void {
  const location = { nodeId: node.nodeId, param: "conditionExpression" };
  const expression = node.conditionExpression?.trim();
  if (!expression) {
    findings.push(
      finding("invalid_condition", `Node "${nodeName(node)}" is conditional but has no condition.`, location),
    );
    return;
  }
  const parsed = parseCondition(expression);
  if ("error" in parsed) {
    findings.push(finding("invalid_condition", `The condition does not parse: ${parsed.error}`, location));
    return;
  }
  const upstream = upstreamOf(node.nodeId, sourcesOf);
  for (const name of parsed.names.filter((name) => !upstream.has(name))) {
    findings.push(
      finding(
        "condition_not_upstream",
        `The condition reads "${name}", which is not a node upstream of "${nodeName(node)}".`,
        location,
      ),
    );
  }
}

function upstreamOf(nodeId: string, sources: Map<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const stack = [...(sources.get(nodeId) ?? [])];
  while (stack.length) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(sources.get(next) ?? []));
  }
  return seen;
}
