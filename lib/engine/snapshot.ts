import { z } from "zod";
import { type CompositionWithGraph, toDocument } from "@/lib/compositions/document";
import { deriveParameterMappings, type ParameterMapping } from "@/lib/compositions/graph-rows";
import { type CompositionDocument, transformationRuleSchema } from "@/lib/compositions/schema";
import type { DbOrTx } from "@/lib/db/client";
import type { Sql } from "@/lib/db/sql";

/** What a run executes: the composition as it was, with its templates' versions. Never edited. */
export interface VersionSnapshot {
  /** Each node names the version of its template it runs (`templateVersion`). */
  document: CompositionDocument;
  /** Snapshots written before nodes were pinned: the version of each template, by id. */
  templateVersions?: Record<string, number>;
  /** Per node, where each mapped parameter comes from. */
  mappings: Record<string, Record<string, ParameterMapping>>;
}

/** The outline a stored snapshot must have: enough that a damaged row fails here, by its id. */
const snapshotOutline = z.object({
  document: z.looseObject({
    nodes: z.array(z.looseObject({ nodeId: z.string(), templateId: z.string() })),
    connections: z.array(z.looseObject({ sourceNodeId: z.string(), targetNodeId: z.string() })),
    globalParameters: z.record(z.string(), z.unknown()),
  }),
  templateVersions: z.record(z.string(), z.number()).optional(),
  mappings: z.record(
    z.string(),
    z.record(
      z.string(),
      z.looseObject({ sourceNodeId: z.string(), sourceField: z.string(), rule: transformationRuleSchema }),
    ),
  ),
});

/**
 * The one reader of a stored version snapshot (a JSON column). Snapshots were validated documents
 * when written and are never edited, so the outline is checked, not every rule of today's schema:
 * a run of an older version stays readable when the document schema grows.
 */
export function readSnapshot(json: unknown, versionId: string): VersionSnapshot {
  const outline = snapshotOutline.safeParse(json);
  if (!outline.success)
    throw new Error(`The snapshot of version ${versionId} is damaged: ${z.prettifyError(outline.error)}`);
  return json as VersionSnapshot;
}

/** A version's snapshot, by the version's id (a run's `version_id`). */
export async function findSnapshot(db: DbOrTx, versionId: string): Promise<VersionSnapshot> {
  const version = await db.compositionVersion.findUniqueOrThrow({ where: { id: versionId } });
  return readSnapshot(version.snapshot, version.id);
}

/**
 * The immutable snapshot of the composition's current version, written on the first run after a
 * change (the composition's edit version is the snapshot's version number).
 */
export async function ensureVersionSnapshot(
  tx: DbOrTx,
  composition: CompositionWithGraph,
  userId: string | null,
): Promise<{ id: string; version: number; snapshot: VersionSnapshot }> {
  const existing = await tx.compositionVersion.findUnique({
    where: { compositionId_version: { compositionId: composition.id, version: composition.currentVersion } },
  });
  if (existing)
    return {
      id: existing.id,
      version: existing.version,
      snapshot: readSnapshot(existing.snapshot, existing.id),
    };
  const document = toDocument(composition);
  const snapshot: VersionSnapshot = {
    document,
    mappings: Object.fromEntries(deriveParameterMappings(document.connections)),
  };
  // ON CONFLICT, not Prisma's upsert: concurrent first runs of one version must not both insert it.
  await tx.$executeRaw`
    INSERT INTO composition_versions (composition_id, version, snapshot, created_by)
    VALUES (${composition.id}::uuid, ${composition.currentVersion}, ${JSON.stringify(snapshot)}::jsonb, ${userId})
    ON CONFLICT (composition_id, version) DO NOTHING`;
  const row = await tx.compositionVersion.findUniqueOrThrow({
    where: { compositionId_version: { compositionId: composition.id, version: composition.currentVersion } },
  });
  return { id: row.id, version: row.version, snapshot: readSnapshot(row.snapshot, row.id) };
}

/** A run's immutable plan: its nodes, where their parameters come from, the run's parameters. */
export interface RunPlan {
  executionId: string;
  parameters: Record<string, unknown>;
  globals: Record<string, unknown>;
  mappings: VersionSnapshot["mappings"];
  /** Snapshots from before nodes were pinned: the version of each template the run executes. */
  templateVersions: Record<string, number>;
  nodes: Map<string, CompositionDocument["nodes"][number]>;
  /** Per "Query results" node, the upstreams whose whole results it reads, by alias. */
  tables: Record<string, { alias: string; sourceNodeId: string }[]>;
}

/** The table connections into each node (snapshots from before table connections have none). */
export function tableInputs(
  connections: { kind?: string; alias?: string; sourceNodeId: string; targetNodeId: string }[],
) {
  const tables: RunPlan["tables"] = {};
  for (const { kind, alias, sourceNodeId, targetNodeId } of connections) {
    if (kind !== "table" || !alias) continue;
    tables[targetNodeId] ??= [];
    tables[targetNodeId].push({ alias, sourceNodeId });
  }
  return tables;
}

/**
 * Each node's upstream node ids, all and required, as its node execution stores them
 * (`depends_on`, `requires`): the database advances a run from these.
 */
export function upstreamOf(document: Pick<CompositionDocument, "connections">) {
  const upstream = new Map<string, { dependsOn: string[]; requires: string[] }>();
  for (const { sourceNodeId, targetNodeId, isRequired } of document.connections) {
    const entry = upstream.get(targetNodeId) ?? { dependsOn: [], requires: [] };
    entry.dependsOn.push(sourceNodeId);
    if (isRequired) entry.requires.push(sourceNodeId);
    upstream.set(targetNodeId, entry);
  }
  return (nodeId: string) => upstream.get(nodeId) ?? { dependsOn: [], requires: [] };
}

const plans = new Map<string, RunPlan>();
const PLANS_KEPT = 500;

/**
 * The plan of a run, parsed once per process: a run's version snapshot and parameters never change,
 * so node tasks and the advance step (which runs under the run's lock) need not re-read them.
 */
export async function loadRunPlan(sql: Sql, executionId: string): Promise<RunPlan> {
  const cached = plans.get(executionId);
  if (cached) return cached;
  const {
    rows: [execution],
  } = await sql.query<{ parameters: Record<string, unknown>; version_id: string; snapshot: unknown }>(
    `SELECT e.parameters, e.version_id, v.snapshot FROM composition_executions e
     JOIN composition_versions v ON v.id = e.version_id WHERE e.id = $1::uuid`,
    [executionId],
  );
  if (!execution) throw new Error(`Execution ${executionId} has no version snapshot.`);
  const snapshot = readSnapshot(execution.snapshot, execution.version_id);
  const plan: RunPlan = {
    executionId,
    parameters: execution.parameters,
    globals: snapshot.document.globalParameters,
    mappings: snapshot.mappings,
    templateVersions: snapshot.templateVersions ?? {},
    nodes: new Map(snapshot.document.nodes.map((node) => [node.nodeId, node])),
    tables: tableInputs(snapshot.document.connections),
  };
  if (plans.size >= PLANS_KEPT) plans.delete(plans.keys().next().value!);
  plans.set(executionId, plan);
  return plan;
}
