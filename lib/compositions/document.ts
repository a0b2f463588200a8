import type { z } from "zod";
import type { SessionUser } from "@/lib/auth/user";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OutputField } from "@/lib/value-types";
import { canWrite } from "./access";
import { deriveParameterMappings } from "./graph-rows";
import type { compositionResponseSchema } from "./responses";
import {
  type CompositionDocument,
  type ConnectionKind,
  compositionSettingsSchema,
  type TransformationRule,
} from "./schema";
import type { Finding } from "./validation/findings";
import type { ExecutionPlan } from "./validation/plan";

export const withGraph = {
  nodes: { orderBy: { nodeId: "asc" } },
  connections: { orderBy: { connectionId: "asc" } },
  owner: { select: { id: true, name: true } },
} satisfies Prisma.CompositionInclude;

export type CompositionWithGraph = Prisma.CompositionGetPayload<{ include: typeof withGraph }>;

/** The stored composition as a document (what validation, export and versions read). */
export function toDocument(row: CompositionWithGraph): CompositionDocument {
  const canvas = row.canvasState as { viewport?: CompositionDocument["viewport"] };
  return {
    compositionId: row.compositionId,
    name: row.name,
    description: row.description,
    tags: row.tags,
    isPublic: row.isPublic,
    globalParameters: row.globalParameters as Record<string, unknown>,
    settings: compositionSettingsSchema.parse(row.settings),
    nodes: row.nodes.map((node) => ({
      nodeId: node.nodeId,
      templateId: node.templateId,
      templateVersion: node.templateVersion,
      label: node.label,
      position: { x: node.positionX, y: node.positionY },
      config: node.nodeConfig as Record<string, unknown>,
      parameterOverrides: node.parameterOverrides as Record<string, unknown>,
      isConditional: node.isConditional,
      conditionExpression: node.conditionExpression,
    })),
    connections: row.connections.map((connection) => ({
      connectionId: connection.connectionId,
      sourceNodeId: connection.sourceNodeId,
      targetNodeId: connection.targetNodeId,
      fieldMappings: connection.fieldMappings as Record<string, string>,
      transformationRules: connection.transformationRules as Record<string, TransformationRule>,
      isRequired: connection.isRequired,
      kind: connection.kind as ConnectionKind,
      ...(connection.alias === null ? {} : { alias: connection.alias }),
    })),
    viewport: canvas.viewport ?? { x: 0, y: 0, zoom: 1 },
  };
}

/** A composition as the API returns it: the document, the server-derived fields, and its findings. */
export function toResponse(
  row: CompositionWithGraph,
  user: SessionUser,
  extra: {
    isFavorite: boolean;
    issues: Finding[];
    plan: ExecutionPlan;
    nodeOutputs: Map<string, OutputField[]>;
  },
): z.output<typeof compositionResponseSchema> {
  const document = toDocument(row);
  const mappings = deriveParameterMappings(document.connections);
  return {
    id: row.id,
    ...document,
    compositionId: row.compositionId,
    nodes: document.nodes.map((node, index) => ({
      ...node,
      parameterMappings: mappings.get(node.nodeId) ?? {},
      executionOrder: row.nodes[index]!.executionOrder,
    })),
    version: row.currentVersion,
    owner: row.owner,
    isMine: row.ownerId === user.id,
    canEdit: canWrite(user, row),
    isFavorite: extra.isFavorite,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    issues: extra.issues,
    plan: extra.plan,
    nodeOutputs: Object.fromEntries(extra.nodeOutputs),
  };
}

export type CompositionResponse = ReturnType<typeof toResponse>;
