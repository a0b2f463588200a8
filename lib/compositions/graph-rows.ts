import type { DbOrTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CompositionConnection, CompositionDocument, TransformationRule } from "./schema";
import type { ExecutionPlan } from "./validation/plan";

/** Where a node parameter's value comes from, derived from the connections (stored on the node). */
export interface ParameterMapping {
  connectionId: string;
  sourceNodeId: string;
  sourceField: string;
  rule: TransformationRule;
  isRequired: boolean;
}

export function deriveParameterMappings(
  connections: CompositionConnection[],
): Map<string, Record<string, ParameterMapping>> {
  const byNode = new Map<string, Record<string, ParameterMapping>>();
  for (const connection of connections) {
    const mappings = byNode.get(connection.targetNodeId) ?? {};
    byNode.set(connection.targetNodeId, mappings);
    for (const [param, sourceField] of Object.entries(connection.fieldMappings)) {
      mappings[param] ??= {
        connectionId: connection.connectionId,
        sourceNodeId: connection.sourceNodeId,
        sourceField,
        rule: connection.transformationRules[param] ?? "first",
        isRequired: connection.isRequired,
      };
    }
  }
  return byNode;
}

/** The viewport and the bounds of the nodes, re-derived on every save. */
export function canvasStateFor(document: CompositionDocument) {
  const xs = document.nodes.map((node) => node.position.x);
  const ys = document.nodes.map((node) => node.position.y);
  const bounds = xs.length
    ? { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) }
    : null;
  return {
    viewport: document.viewport,
    bounds,
    nodeCount: document.nodes.length,
    connectionCount: document.connections.length,
  };
}

/**
 * Replaces a composition's nodes and connections with the document's, in the caller's transaction:
 * node and connection ids are kept, `parameter_mappings` and `execution_order` are derived.
 */
export async function writeGraph(
  tx: DbOrTx,
  compositionUuid: string,
  document: CompositionDocument,
  plan: ExecutionPlan,
): Promise<void> {
  await tx.compositionConnection.deleteMany({ where: { compositionId: compositionUuid } });
  await tx.compositionNode.deleteMany({ where: { compositionId: compositionUuid } });
  const levelOf = new Map(
    plan.levels.flatMap((level, depth) => level.map((nodeId) => [nodeId, depth] as const)),
  );
  const mappings = deriveParameterMappings(document.connections);
  if (document.nodes.length) {
    await tx.compositionNode.createMany({
      data: document.nodes.map((node) => ({
        compositionId: compositionUuid,
        nodeId: node.nodeId,
        templateId: node.templateId,
        positionX: node.position.x,
        positionY: node.position.y,
        nodeConfig: node.config as Prisma.InputJsonValue,
        parameterOverrides: node.parameterOverrides as Prisma.InputJsonValue,
        parameterMappings: (mappings.get(node.nodeId) ?? {}) as unknown as Prisma.InputJsonValue,
        executionOrder: levelOf.get(node.nodeId) ?? 0,
        isConditional: node.isConditional,
        conditionExpression: node.conditionExpression,
      })),
    });
  }
  if (document.connections.length) {
    await tx.compositionConnection.createMany({
      data: document.connections.map((connection) => ({
        compositionId: compositionUuid,
        connectionId: connection.connectionId,
        sourceNodeId: connection.sourceNodeId,
        targetNodeId: connection.targetNodeId,
        fieldMappings: connection.fieldMappings,
        transformationRules: connection.transformationRules,
        isRequired: connection.isRequired,
      })),
    });
  }
}
