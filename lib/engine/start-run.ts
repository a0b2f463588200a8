import { AppError, type ErrorIssue } from "@/lib/api/errors";
import { runnerOf } from "@/lib/auth/runner";
import type { SessionUser } from "@/lib/auth/user";
import { notFound, readableWhere } from "@/lib/compositions/access";
import { toDocument, withGraph } from "@/lib/compositions/document";
import { nodeSettingsSchema } from "@/lib/compositions/node-settings";
import { runParameterIssues } from "@/lib/compositions/run-parameters";
import { compositionSettingsSchema } from "@/lib/compositions/schema";
import { loadTemplateInfo } from "@/lib/compositions/templates-info";
import { validateWithTables } from "@/lib/compositions/validation/describe-tables";
import { templateOfNode } from "@/lib/compositions/validation/validate";
import type { Db, DbOrTx } from "@/lib/db/client";
import { assertNodeTimeout, assertRunQuota } from "@/lib/quotas";
import type { RunTrigger } from "@/lib/statuses";
import { writeRunRows } from "./run-rows";
import { ensureVersionSnapshot } from "./snapshot";

export type Trigger = RunTrigger;

/** A run started by a request: `manual` from the app (it says so in a header), `api` from anything else. */
export const requestTrigger = (req: Request): "manual" | "api" =>
  req.headers.get("x-queryflow-client") === "web" ? "manual" : "api";

export type RunOptions = {
  parameters: Record<string, unknown>;
  trigger: Trigger;
  /** For a scheduled run: the schedule and the tick it was started for. */
  scheduleId?: string;
  scheduledFor?: Date;
  /** For a backfill's run: the backfill. */
  backfillId?: string;
};

/**
 * Loads and checks a composition for a run, outside any transaction: 422 with the findings when it
 * has semantic problems, 400 when a run parameter does not fit a parameter it feeds.
 */
export async function prepareRun(
  db: DbOrTx,
  user: SessionUser | null,
  compositionRef: string | { id: string },
  parameters: Record<string, unknown>,
) {
  // One read of the composition with its graph, under the reader's rights when a user names it.
  const row =
    typeof compositionRef === "string"
      ? await db.composition.findFirst({ where: readableWhere(user!, compositionRef), include: withGraph })
      : await db.composition.findUniqueOrThrow({ where: { id: compositionRef.id }, include: withGraph });
  if (!row) throw notFound(compositionRef as string);
  const document = toDocument(row);
  // A run has its composition owner's rights, whoever starts it (a schedule, a webhook made by an
  // admin, a backfill) — and no more than the rights of the user who starts it: a template on a
  // source either of them may not use is the finding data_source_not_usable.
  const owner = runnerOf(row.owner && (await db.user.findUnique({ where: { id: row.owner.id } })));
  const templates = await loadTemplateInfo(db, owner, document);
  const { findings } = await validateWithTables(document, templates);
  if (!findings.length && user && user.id !== owner.id)
    findings.push(
      ...(await validateWithTables(document, await loadTemplateInfo(db, user, document))).findings,
    );
  if (findings.length) {
    throw new AppError({
      code: "unprocessable_entity",
      message: `The composition cannot run until its findings are fixed: ${findings[0]!.message}`,
      issues: findings,
    });
  }
  // Each node's settings, read once for the whole start (validation has checked they parse).
  const settings = new Map(
    document.nodes.map((node) => [node.nodeId, nodeSettingsSchema.parse(node.config)]),
  );
  for (const [nodeId, { timeoutMs }] of settings) assertNodeTimeout(nodeId, timeoutMs);
  const parameterIssues: ErrorIssue[] = runParameterIssues(
    document,
    (node) => templateOfNode(templates, node)!.parameters,
    parameters,
  ).map((issue) => ({ code: "invalid_parameter", ...issue, message: `${issue.message}.` }));
  if (parameterIssues.length) {
    throw new AppError({
      code: "bad_request",
      message: `Run parameter ${parameterIssues[0]!.message}`,
      issues: parameterIssues,
    });
  }

  return { row, document, settings };
}

export type PreparedRun = Awaited<ReturnType<typeof prepareRun>>;

/**
 * Starts a run of a composition (checked as by `prepareRun`). One transaction writes the version
 * snapshot (first run after a change), the master execution, a node execution per node, and the
 * root nodes' jobs — no run without its jobs, no job without its run.
 */
export async function startRun(
  db: Db,
  user: SessionUser | null,
  compositionRef: string | { id: string },
  options: RunOptions,
) {
  const prepared = await prepareRun(db, user, compositionRef, options.parameters);
  return db.$transaction((tx) => insertRunWithinQuota(tx, user?.id ?? null, prepared, options));
}

/**
 * The one way a prepared run is written — by a manual or API start, a webhook, a schedule's tick or
 * a backfill's step: in the caller's transaction, its run quota counted in that same transaction
 * (429 past it, nothing written), then the rows (insertRun).
 */
export async function insertRunWithinQuota(
  tx: DbOrTx,
  /** Who starts it (null for a schedule whose creator is gone). */
  userId: string | null,
  prepared: PreparedRun,
  options: RunOptions,
) {
  await assertRunQuota(tx, { userId, compositionId: prepared.row.id });
  return insertRun(tx, userId, prepared, options);
}

/** For a `.catch` where being past the run quota is an answer (null), not a failure. */
export function unlessOverQuota(error: unknown): null {
  if (error instanceof AppError && error.code === "too_many_requests") return null;
  throw error;
}

/**
 * Writes a prepared run: the version snapshot when the composition changed since its last
 * version, the master row, one row per node, and the root nodes' jobs.
 */
async function insertRun(
  tx: DbOrTx,
  /** Who starts it (null for a schedule whose creator is gone). */
  userId: string | null,
  prepared: PreparedRun,
  options: RunOptions,
) {
  const { row, document, settings } = prepared;
  const waiting = await needsToWait(tx, row);
  const version = await ensureVersionSnapshot(tx, row, userId);
  const execution = await writeRunRows(
    tx,
    {
      compositionId: row.id,
      versionId: version.id,
      version: version.version,
      trigger: options.trigger,
      triggeredById: userId,
      scheduleId: options.scheduleId ?? null,
      scheduledFor: options.scheduledFor ?? null,
      backfillId: options.backfillId ?? null,
      parameters: options.parameters,
      waiting,
    },
    document,
    document.nodes.map((node) => ({
      nodeId: node.nodeId,
      templateId: node.templateId,
      maxRetries: settings.get(node.nodeId)!.maxRetries,
    })),
    waiting
      ? `Run started (${options.trigger}) from version ${version.version}: waiting for a slot (${document.settings.concurrencyLimit} at a time)`
      : `Run started (${options.trigger}) from version ${version.version}`,
  );
  // Others waited before it while a slot was free (a limit raised meanwhile): the first of them starts.
  if (waiting) await tx.$queryRaw`SELECT queryflow_promote_waiting(${row.id}::uuid)`;
  return execution;
}

/**
 * Under the composition's concurrency limit (taken under its row's lock, which promotion takes
 * too): whether the new run must wait for a slot — also when others already wait, so the first to
 * come starts first. Past the limit with the `refuse` policy: 409.
 */
export async function needsToWait(
  tx: DbOrTx,
  row: { id: string; name: string; settings: unknown },
): Promise<boolean> {
  const { concurrencyLimit: limit, concurrencyPolicy } = compositionSettingsSchema.parse(row.settings);
  if (limit === null) return false;
  await tx.$queryRaw`SELECT 1 FROM template_flow_compositions WHERE id = ${row.id}::uuid FOR UPDATE`;
  // One after the other: queries of one transaction share its connection.
  const live = await tx.compositionExecution.count({
    where: { compositionId: row.id, finishedAt: null, waitingSince: null },
  });
  const waiting = await tx.compositionExecution.count({
    where: { compositionId: row.id, finishedAt: null, waitingSince: { not: null } },
  });
  if (live < limit && waiting === 0) return false;
  if (concurrencyPolicy === "refuse" && live >= limit) {
    throw new AppError({
      code: "conflict",
      message: `"${row.name}" runs at most ${limit} at a time, and ${live} ${live === 1 ? "is" : "are"} in progress: try again when one has finished.`,
      details: { concurrencyLimit: limit, running: live },
    });
  }
  return true;
}
