import type { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { isUuid } from "@/lib/api/ids";
import { assertBelowCap } from "@/lib/api/quota";
import type { SessionUser } from "@/lib/auth/user";
import { findReadableOrThrow } from "@/lib/compositions/access";
import type { DbOrTx } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import type { NotificationDelivery, NotificationRule, Prisma } from "@/lib/generated/prisma/client";
import { findReadableSchedule } from "@/lib/schedules/service";
import { findWorkflowOrThrow } from "@/lib/workflows/service";
import {
  type Channel,
  channelSchema,
  type createRuleBodySchema,
  type listRulesQuerySchema,
  type NotificationEvent,
  type RuleResponse,
  type updateRuleBodySchema,
} from "./schema";

// A user's notification rules: on what they may read, delivered to them (their e-mail, their
// webhook, their bell).

const DELIVERIES_SHOWN = 20;

type Target = z.output<typeof listRulesQuerySchema>;

/** The rule's target as row ids, once the user is known to be allowed to read it (else 404). */
async function targetIds(db: DbOrTx, user: SessionUser, target: Target) {
  if (target.compositionId)
    return { compositionId: (await findReadableOrThrow(db, user, target.compositionId)).id };
  if (target.workflowId) return { workflowId: (await findWorkflowOrThrow(db, user, target.workflowId)).id };
  if (target.scheduleId) return { scheduleId: (await findReadableSchedule(db, user, target.scheduleId)).id };
  return {};
}

const withDeliveries = {
  deliveries: { orderBy: { createdAt: "desc" }, take: DELIVERIES_SHOWN },
} satisfies Prisma.NotificationRuleInclude;

function toResponse(row: NotificationRule & { deliveries: NotificationDelivery[] }): RuleResponse {
  return {
    id: row.id,
    compositionId: row.compositionId,
    workflowId: row.workflowId,
    scheduleId: row.scheduleId,
    events: row.events as NotificationEvent[],
    channel: channelSchema.parse(row.channel),
    slowAfterMs: row.slowAfterMs,
    consecutiveFailures: row.consecutiveFailures,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    deliveries: row.deliveries.map((delivery) => ({
      id: delivery.id,
      ruleId: delivery.ruleId,
      event: delivery.event as NotificationEvent,
      executionId: (delivery.compositionExecutionId ?? delivery.workflowExecutionId)!,
      runOf: delivery.compositionExecutionId ? "composition" : "workflow",
      status: delivery.status as "pending" | "delivered" | "failed",
      attempts: delivery.attempts,
      lastError: delivery.lastError,
      createdAt: delivery.createdAt.toISOString(),
      deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
    })),
  };
}

/** The user's rules (on one target, when given), each with its latest deliveries. */
export async function listRules(db: DbOrTx, user: SessionUser, query: Target) {
  const rows = await db.notificationRule.findMany({
    where: { ownerId: user.id, ...(await targetIds(db, user, query)) },
    include: withDeliveries,
    orderBy: { createdAt: "asc" },
  });
  return rows.map(toResponse);
}

function assertChannelUsable(channel: Channel, env: Env) {
  if (channel.type === "email" && !env.SMTP_URL) {
    throw new AppError({
      code: "bad_request",
      message: "E-mail notifications need an SMTP server: the administrator sets SMTP_URL.",
      issues: [{ path: ["channel"], message: "SMTP_URL is not set" }],
    });
  }
}

export async function createRule(
  db: DbOrTx,
  user: SessionUser,
  body: z.output<typeof createRuleBodySchema>,
  env: Env,
) {
  assertChannelUsable(body.channel, env);
  const target = await targetIds(db, user, body);
  const have = await db.notificationRule.count({ where: { ownerId: user.id } });
  const most = env.NOTIFICATION_RULES_PER_USER;
  assertBelowCap(
    have,
    most,
    `You have ${have} notification rules, the most allowed (${most}): delete one first.`,
  );
  const row = await db.notificationRule.create({
    data: {
      ownerId: user.id,
      ...target,
      events: body.events,
      channel: body.channel,
      slowAfterMs: body.slowAfterMs ?? null,
      consecutiveFailures: body.consecutiveFailures ?? null,
    },
    include: withDeliveries,
  });
  return toResponse(row);
}

async function findOwnRuleOrThrow(db: DbOrTx, user: SessionUser, id: string) {
  const row = isUuid(id) ? await db.notificationRule.findFirst({ where: { id, ownerId: user.id } }) : null;
  if (!row) throw new AppError({ code: "not_found", message: "No such notification rule." });
  return row;
}

export async function updateRule(
  db: DbOrTx,
  user: SessionUser,
  id: string,
  body: z.output<typeof updateRuleBodySchema>,
) {
  await findOwnRuleOrThrow(db, user, id);
  return toResponse(
    await db.notificationRule.update({
      where: { id },
      data: { enabled: body.enabled },
      include: withDeliveries,
    }),
  );
}

export async function deleteRule(db: DbOrTx, user: SessionUser, id: string) {
  await findOwnRuleOrThrow(db, user, id);
  await db.notificationRule.delete({ where: { id } });
}
