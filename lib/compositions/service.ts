import type { z } from "zod";
import { AppError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/user";
import type { Db, DbOrTx } from "@/lib/db/client";
import { prismaSql } from "@/lib/db/sql";
import type { Prisma } from "@/lib/generated/prisma/client";
import { removeNodeJobs } from "@/lib/jobs/queue";
import { liveNodeStatuses } from "@/lib/statuses";
import { findReadableOrThrow, findWritableOrThrow } from "./access";
import { compositionIdFromName, uniqueCompositionId } from "./composition-id";
import { type CompositionWithGraph, toDocument, toResponse, withGraph } from "./document";
import { canvasStateFor, writeGraph } from "./graph-rows";
import type {
  CompositionDocument,
  createCompositionBodySchema,
  duplicateCompositionBodySchema,
  updateCompositionBodySchema,
} from "./schema";
import { loadTemplateInfo, pinTemplateVersions } from "./templates-info";
import { type CheckedDocument, validateWithTables } from "./validation/describe-tables";
import { isStructural } from "./validation/findings";
import type { ValidationResult } from "./validation/validate";

/** The document with every node pinned to a version of its template, its findings and plan. */
export async function pinAndValidate(db: DbOrTx, user: SessionUser | null, document: CompositionDocument) {
  const templates = await loadTemplateInfo(db, user, document);
  const pinned = pinTemplateVersions(document, templates);
  return { document: pinned, result: await validateWithTables(pinned, templates) };
}

/**
 * Validates against the templates in `db` (pinning unpinned nodes to their current version);
 * structural findings refuse the save with 400 and every finding.
 */
async function validateForSave(db: DbOrTx, user: SessionUser, draft: CompositionDocument) {
  const { document, result } = await pinAndValidate(db, user, draft);
  const structural = result.findings.filter(isStructural);
  if (structural.length) {
    throw new AppError({
      code: "bad_request",
      message: `The composition cannot be saved: ${structural[0]!.message}${structural.length > 1 ? ` (and ${structural.length - 1} more)` : ""}`,
      issues: result.findings,
    });
  }
  return { document, result };
}

function rowFields(document: CompositionDocument) {
  return {
    name: document.name,
    description: document.description,
    tags: document.tags,
    isPublic: document.isPublic,
    globalParameters: document.globalParameters as Prisma.InputJsonValue,
    settings: document.settings,
    canvasState: canvasStateFor(document) as Prisma.InputJsonValue,
  };
}

async function loadWithGraph(db: DbOrTx, uuid: string): Promise<CompositionWithGraph> {
  return db.composition.findUniqueOrThrow({ where: { id: uuid }, include: withGraph });
}

async function isFavorite(db: DbOrTx, user: SessionUser, compositionUuid: string): Promise<boolean> {
  return Boolean(
    await db.favorite.findUnique({
      where: { userId_compositionId: { userId: user.id, compositionId: compositionUuid } },
    }),
  );
}

async function respond(db: DbOrTx, user: SessionUser, row: CompositionWithGraph, result?: CheckedDocument) {
  const { findings, plan, outputs } = result ?? (await pinAndValidate(db, user, toDocument(row))).result;
  return toResponse(row, user, {
    isFavorite: await isFavorite(db, user, row.id),
    issues: findings,
    plan,
    nodeOutputs: outputs,
  });
}

/**
 * Inserts a new composition from a validated document, in the caller's transaction. A given
 * composition_id must be free (409); without one, it is made from the name, unique.
 */
export async function insertComposition(
  tx: DbOrTx,
  ownerId: string | null,
  document: CompositionDocument,
  result: ValidationResult,
): Promise<CompositionWithGraph> {
  let compositionId = document.compositionId;
  if (compositionId) {
    if (await tx.composition.findUnique({ where: { compositionId } })) {
      throw new AppError({
        code: "conflict",
        message: `Composition id "${compositionId}" is already taken.`,
      });
    }
  } else {
    compositionId = await uniqueCompositionId(tx, compositionIdFromName(document.name));
  }
  const row = await tx.composition.create({ data: { compositionId, ownerId, ...rowFields(document) } });
  await writeGraph(tx, row.id, document, result.plan);
  return loadWithGraph(tx, row.id);
}

export async function getComposition(db: DbOrTx, user: SessionUser, id: string) {
  const { id: uuid } = await findReadableOrThrow(db, user, id);
  return respond(db, user, await loadWithGraph(db, uuid));
}

export async function createComposition(
  db: Db,
  user: SessionUser,
  body: z.output<typeof createCompositionBodySchema>,
) {
  const { document, result } = await validateForSave(db, user, body);
  const row = await db.$transaction((tx) => insertComposition(tx, user.id, document, result));
  return respond(db, user, row, result);
}

/**
 * Saves a new version of a composition. The body carries the version it was based on; when another
 * save came first, nothing is written and the answer is 409 with the current version.
 */
export async function updateComposition(
  db: Db,
  user: SessionUser,
  id: string,
  body: z.output<typeof updateCompositionBodySchema>,
) {
  const { version, ...draft } = body;
  // Authorised first: validation reads templates and data sources, and its findings must not tell
  // someone who may not save the composition what exists (checked again under the row's lock below).
  await findWritableOrThrow(db, user, id);
  const { document, result } = await validateForSave(db, user, draft);
  const row = await db.$transaction(async (tx) => {
    const current = await findWritableOrThrow(tx, user, id);
    const compositionId = document.compositionId ?? current.compositionId;
    if (
      compositionId !== current.compositionId &&
      (await tx.composition.findUnique({ where: { compositionId } }))
    ) {
      throw new AppError({
        code: "conflict",
        message: `Composition id "${compositionId}" is already taken.`,
      });
    }
    // Compare-and-set: a concurrent save from the same version waits on the row lock, then matches nothing.
    const { count } = await tx.composition.updateMany({
      where: { id: current.id, currentVersion: version },
      data: { compositionId, ...rowFields(document), currentVersion: { increment: 1 } },
    });
    if (count === 0) {
      const latest = await tx.composition.findUniqueOrThrow({ where: { id: current.id } });
      throw new AppError({
        code: "conflict",
        message: `This composition was saved by someone else since version ${version} (it is now version ${latest.currentVersion}). Reload it, or keep yours as a copy.`,
        details: { currentVersion: latest.currentVersion },
      });
    }
    await writeGraph(tx, current.id, document, result.plan);
    // A limit raised (or lifted) lets runs waiting for a slot start now.
    await tx.$queryRaw`SELECT queryflow_promote_waiting(${current.id}::uuid)`;
    return loadWithGraph(tx, current.id);
  });
  return respond(db, user, row, result);
}

/**
 * Deletes a composition with all its runs — other users' runs of a public composition too (the
 * confirmation in the UI says so). Live runs are stopped first: their queued jobs are removed in the
 * same transaction, and workers running their nodes find the rows gone at the next heartbeat and
 * abort them.
 */
export async function deleteComposition(db: Db, user: SessionUser, id: string): Promise<void> {
  const row = await findWritableOrThrow(db, user, id);
  await db.$transaction(async (tx) => {
    const live = await tx.workflowExecution.findMany({
      where: {
        compositionExecution: { compositionId: row.id },
        status: { in: [...liveNodeStatuses] },
      },
      select: { id: true },
    });
    await removeNodeJobs(
      prismaSql(tx),
      live.map((node) => node.id),
    );
    await tx.composition.delete({ where: { id: row.id } });
  });
}

/** A private copy, owned by the user, of any composition they can read. */
export async function duplicateComposition(
  db: Db,
  user: SessionUser,
  id: string,
  body: z.output<typeof duplicateCompositionBodySchema>,
) {
  const { id: uuid } = await findReadableOrThrow(db, user, id);
  const source = toDocument(await loadWithGraph(db, uuid));
  const copy: CompositionDocument = {
    ...source,
    compositionId: undefined,
    name: body.name ?? `Copy of ${source.name}`,
    isPublic: false,
  };
  const { result } = await pinAndValidate(db, user, copy);
  const row = await db.$transaction((tx) => insertComposition(tx, user.id, copy, result));
  return respond(db, user, row, result);
}

/** Findings and execution plan of an unsaved document (nothing is written). */
export async function validateDraft(db: DbOrTx, user: SessionUser, document: CompositionDocument) {
  const { findings, plan, outputs } = (await pinAndValidate(db, user, document)).result;
  return { issues: findings, plan, nodeOutputs: Object.fromEntries(outputs) };
}
