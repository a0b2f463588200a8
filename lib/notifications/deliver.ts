import nodemailer from "nodemailer";
import { runnerOf } from "@/lib/auth/runner";
import { readableBy } from "@/lib/compositions/access";
import type { Db } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import { type TaskPayload, tasks } from "@/lib/jobs/tasks";
import { guardedRequest } from "@/lib/templates/kinds/guarded-http";
import { workflowsVisibleTo } from "@/lib/workflows/service";
import { type Channel, channelSchema, type NotificationEvent } from "./schema";

// Sending one delivery: to a webhook (through the same guard as HTTP templates), by e-mail, or to
// the owner's bell. A failed attempt is recorded and thrown, for the job to be tried again.

const TIMEOUT_MS = 15_000;

const headlines: Record<NotificationEvent, string> = {
  failure: "failed",
  recovery: "recovered: it completed after failing",
  success: "completed",
  slow: "was slow",
  consecutive_failures: "keeps failing",
};

/** What a notification says: the same facts for every channel. */
export interface Message {
  event: NotificationEvent;
  title: string;
  text: string;
  link: string;
  run: { id: string; status: string; error: string | null; durationMs: number | null };
  target: { kind: "composition" | "workflow"; id: string; name: string };
}

async function messageOf(
  db: Db,
  delivery: { event: string; compositionExecutionId: string | null; workflowExecutionId: string | null },
  rule: { slowAfterMs: number | null; consecutiveFailures: number | null },
  appUrl: string,
): Promise<Message> {
  const event = delivery.event as NotificationEvent;
  const composition = delivery.compositionExecutionId
    ? await db.compositionExecution.findUniqueOrThrow({
        where: { id: delivery.compositionExecutionId },
        include: { composition: { select: { id: true, compositionId: true, name: true } } },
      })
    : null;
  const standalone = delivery.workflowExecutionId
    ? await db.workflowExecution.findUniqueOrThrow({
        where: { id: delivery.workflowExecutionId },
        include: { workflow: { select: { id: true, name: true } } },
      })
    : null;
  const run = (composition ?? standalone)!;
  const target = composition
    ? {
        kind: "composition" as const,
        id: composition.composition.compositionId,
        name: composition.composition.name,
      }
    : { kind: "workflow" as const, id: standalone!.workflow!.id, name: standalone!.workflow!.name };
  const link = composition ? `${appUrl}/executions/${run.id}` : `${appUrl}/workflows/${target.id}`;
  const detail =
    event === "slow"
      ? ` It took ${run.durationMs} ms (more than ${rule.slowAfterMs} ms).`
      : event === "consecutive_failures"
        ? ` ${rule.consecutiveFailures} runs in a row have failed.`
        : "";
  const title = `${target.name} ${headlines[event]}`;
  const text = `${title}.${detail}${run.error ? ` Error: ${run.error}` : ""} ${link}`;
  return {
    event,
    title,
    text,
    link,
    run: { id: run.id, status: run.status, error: run.error, durationMs: run.durationMs },
    target,
  };
}

/** The webhook body in the rule's format: QueryFlow's JSON, or a Slack or Teams message. */
function webhookBody(message: Message, format: "json" | "slack" | "teams") {
  if (format === "slack")
    return {
      text: `*${message.title}*${message.run.error ? `\n${message.run.error}` : ""}\n<${message.link}|Open the run>`,
    };
  if (format === "teams") return { type: "message", title: message.title, text: `${message.text}` };
  return {
    event: message.event,
    title: message.title,
    run: message.run,
    [message.target.kind]: { id: message.target.id, name: message.target.name },
    link: message.link,
  };
}

async function send(
  db: Db,
  env: Env,
  channel: Channel,
  message: Message,
  delivery: { id: string },
  ownerId: string,
) {
  switch (channel.type) {
    case "webhook": {
      const response = await guardedRequest(
        channel.url,
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(webhookBody(message, channel.format)),
        },
        { allowlist: env.HTTP_ALLOWLIST, maxBytes: 64 * 1024, signal: AbortSignal.timeout(TIMEOUT_MS) },
      );
      if (response.status >= 300)
        throw new Error(
          `The webhook answered ${response.status}: ${response.body.toString("utf8").slice(0, 200)}`,
        );
      return;
    }
    case "email": {
      if (!env.SMTP_URL) throw new Error("SMTP_URL is not set: e-mail cannot be sent.");
      const transport = nodemailer.createTransport(
        `${env.SMTP_URL}${env.SMTP_URL.includes("?") ? "&" : "?"}connectionTimeout=${TIMEOUT_MS}&greetingTimeout=${TIMEOUT_MS}&socketTimeout=${TIMEOUT_MS}`,
      );
      // The whole send within TIMEOUT_MS, under the job's lock time (lib/jobs/tasks.ts), so a slow
      // server is never taken for a dead worker and mailed to twice.
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          transport.sendMail({
            from: env.SMTP_FROM,
            to: channel.to,
            subject: `[QueryFlow] ${message.title}`,
            text: message.text,
          }),
          new Promise((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`The SMTP server did not take the message in ${TIMEOUT_MS / 1000} s.`)),
              TIMEOUT_MS,
            );
          }),
        ]);
      } finally {
        clearTimeout(timer);
        transport.close();
      }
      return;
    }
    case "in_app":
      await db.notification.upsert({
        where: { deliveryId: delivery.id },
        create: {
          userId: ownerId,
          deliveryId: delivery.id,
          title: message.title,
          body: message.run.error ?? "",
          link: message.link,
        },
        update: {},
      });
  }
}

/**
 * Whether the rule's owner may still see what the run was of: a composition made private, or a
 * workflow given away, since the rule was made stops its notifications (they carry its name,
 * errors and link).
 */
async function ownerMaySee(
  db: Db,
  delivery: { compositionExecutionId: string | null; workflowExecutionId: string | null },
  ownerId: string,
): Promise<boolean> {
  const owner = await db.user.findUnique({ where: { id: ownerId } });
  if (!owner || !(delivery.compositionExecutionId || delivery.workflowExecutionId)) return false;
  const user = runnerOf(owner);
  if (delivery.compositionExecutionId)
    return (
      (await db.compositionExecution.count({
        where: { id: delivery.compositionExecutionId, composition: readableBy(user) },
      })) > 0
    );
  return (
    (await db.workflowExecution.count({
      where: { id: delivery.workflowExecutionId ?? undefined, workflow: workflowsVisibleTo(user) },
    })) > 0
  );
}

/** Sends one delivery (once delivered, never again); records each attempt and its outcome. */
export async function deliver(db: Db, env: Env, payload: TaskPayload<"deliverNotification">, appUrl: string) {
  const delivery = await db.notificationDelivery.findUnique({
    where: { id: payload.deliveryId },
    include: { rule: true },
  });
  if (!delivery || delivery.status === "delivered") return;
  if (!(await ownerMaySee(db, delivery, delivery.rule.ownerId))) {
    await db.notificationDelivery.update({
      where: { id: delivery.id },
      data: {
        status: "failed",
        lastError: "Not sent: the rule's owner may no longer see what this run was of.",
      },
    });
    return;
  }
  const message = await messageOf(db, delivery, delivery.rule, appUrl);
  try {
    await send(db, env, channelSchema.parse(delivery.rule.channel), message, delivery, delivery.rule.ownerId);
  } catch (error) {
    const attempts = delivery.attempts + 1;
    await db.notificationDelivery.update({
      where: { id: delivery.id },
      // The job's last attempt: it stays failed.
      data: {
        attempts,
        lastError: (error as Error).message.slice(0, 1000),
        status: attempts >= tasks.deliverNotification.maxAttempts ? "failed" : "pending",
      },
    });
    throw error;
  }
  await db.notificationDelivery.update({
    where: { id: delivery.id },
    data: { attempts: delivery.attempts + 1, status: "delivered", deliveredAt: new Date(), lastError: null },
  });
}
