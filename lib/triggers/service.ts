import type { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { isUuid } from "@/lib/api/ids";
import { assertBelowCap } from "@/lib/api/quota";
import type { SessionUser } from "@/lib/auth/user";
import { canWrite, findWritableOrThrow } from "@/lib/compositions/access";
import { keyRing } from "@/lib/data-sources/service";
import type { DbOrTx } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import type { Trigger } from "@/lib/generated/prisma/client";
import { seal } from "@/lib/security/secret-box";
import { newSecretToken } from "@/lib/security/secret-token";
import { findWorkflowOrThrow } from "@/lib/workflows/service";
import type {
  createTriggerBodySchema,
  TriggerResponse,
  TriggerTarget,
  updateTriggerBodySchema,
} from "./schema";

// Webhook triggers of a composition or a standalone workflow: made, listed, switched and deleted by
// those who may change what they run.

const toResponse = (row: Trigger, appUrl: string): TriggerResponse => ({
  id: row.id,
  kind: "webhook",
  url: `${appUrl}/api/hooks/${row.hookId}`,
  signed: row.sealedSecret !== null,
  enabled: row.enabled,
  createdAt: row.createdAt.toISOString(),
  lastCalledAt: row.lastCalledAt?.toISOString() ?? null,
});

/** The target's row id, once the user is known to be allowed to change it (else 403/404). */
async function targetWhere(db: DbOrTx, user: SessionUser, target: TriggerTarget) {
  if ("compositionId" in target)
    return { compositionId: (await findWritableOrThrow(db, user, target.compositionId)).id };
  return { workflowId: (await findWorkflowOrThrow(db, user, target.workflowId)).id };
}

export async function listTriggers(db: DbOrTx, user: SessionUser, target: TriggerTarget, appUrl: string) {
  const rows = await db.trigger.findMany({
    where: await targetWhere(db, user, target),
    orderBy: { createdAt: "asc" },
  });
  return rows.map((row) => toResponse(row, appUrl));
}

/** A new webhook; a signed one's secret is in this answer only. */
export async function createTrigger(
  db: DbOrTx,
  user: SessionUser,
  target: TriggerTarget,
  body: z.output<typeof createTriggerBodySchema>,
  env: Env,
  appUrl: string,
) {
  const where = await targetWhere(db, user, target);
  const have = await db.trigger.count({ where });
  const most = env.WEBHOOKS_PER_TARGET;
  assertBelowCap(have, most, `This has ${have} webhooks, the most allowed (${most}): delete one first.`);
  const secret = body.signed ? newSecretToken("whsec_") : null;
  const row = await db.trigger.create({
    data: {
      ...where,
      hookId: newSecretToken("", 24),
      sealedSecret: secret && seal(secret, keyRing(env)[0]!),
      createdById: user.id,
    },
  });
  return { trigger: { ...toResponse(row, appUrl), ...(secret ? { secret } : {}) } };
}

/** A trigger the user may change: its composition's writers, its workflow's owner (others: 404). */
async function findChangeableOrThrow(db: DbOrTx, user: SessionUser, id: string) {
  const row = isUuid(id)
    ? await db.trigger.findUnique({
        where: { id },
        include: { composition: { select: { ownerId: true } }, workflow: { select: { ownerId: true } } },
      })
    : null;
  const owner = row?.composition ?? row?.workflow;
  if (!row || !owner || !canWrite(user, owner))
    throw new AppError({ code: "not_found", message: "No such trigger." });
  return row;
}

/** Switches a webhook on or off: off, its URL answers 404 until it is switched on again. */
export async function updateTrigger(
  db: DbOrTx,
  user: SessionUser,
  id: string,
  body: z.output<typeof updateTriggerBodySchema>,
  appUrl: string,
) {
  await findChangeableOrThrow(db, user, id);
  return toResponse(await db.trigger.update({ where: { id }, data: { enabled: body.enabled } }), appUrl);
}

export async function deleteTrigger(db: DbOrTx, user: SessionUser, id: string) {
  await findChangeableOrThrow(db, user, id);
  await db.trigger.delete({ where: { id } });
}
