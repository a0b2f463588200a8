import type { ParameterSpec } from "@/lib/templates/types";
import { parameterValueError } from "@/lib/templates/values";
import { globalReferences, parameterSource, wholeGlobalReference } from "./parameters";
import type { CompositionDocument } from "./schema";

export interface RunParameterIssue {
  nodeId: string;
  param: string;
  message: string;
}

const insertable = (value: unknown) => ["string", "number", "boolean"].includes(typeof value);

/**
 * What is wrong with a run's parameters, checked at every place each one feeds: a parameter of the
 * same name that nothing higher sets (a mapping, an override), and every override that refers to it
 * as `{{global.name}}` — whole, it takes that parameter's type; inside text, it must be text-like.
 */
export function runParameterIssues(
  document: CompositionDocument,
  parametersOf: (node: CompositionDocument["nodes"][number]) => ParameterSpec[],
  parameters: Record<string, unknown>,
): RunParameterIssue[] {
  const issues: RunParameterIssue[] = [];
  for (const node of document.nodes) {
    const mapped = new Set(
      document.connections
        .filter((connection) => connection.targetNodeId === node.nodeId)
        .flatMap((connection) => Object.keys(connection.fieldMappings)),
    );
    for (const spec of parametersOf(node)) {
      const at = { nodeId: node.nodeId, param: spec.name };
      const source = parameterSource(spec, {
        mapped,
        overrides: node.parameterOverrides,
        runParameters: parameters,
        globals: {},
      });
      const override = node.parameterOverrides[spec.name];
      if (source === "run") {
        const error = parameterValueError(parameters[spec.name], spec);
        if (error) issues.push({ ...at, message: `"${spec.name}" ${error}` });
      } else if (source === "override" && typeof override === "string") {
        const whole = wholeGlobalReference(override);
        if (whole !== null && whole in parameters) {
          const error = parameterValueError(parameters[whole], spec);
          if (error)
            issues.push({
              ...at,
              message: `"${whole}" ${error} (it is "${spec.name}" of node "${node.nodeId}")`,
            });
        } else {
          for (const name of globalReferences(override).filter((name) => name in parameters)) {
            if (!insertable(parameters[name]))
              issues.push({
                ...at,
                message: `"${name}" must be a string, number or boolean (it is written into "${spec.name}" of node "${node.nodeId}")`,
              });
          }
        }
      }
    }
  }
  return issues;
}
