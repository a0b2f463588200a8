import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/api/errors";
import { parseJsonBody } from "@/lib/api/read-json";
import { toSessionUser } from "@/lib/auth/user";
import { keyRing } from "@/lib/data-sources/service";
import type { Db } from "@/lib/db/client";
import { startRun } from "@/lib/engine/start-run";
import type { Env } from "@/lib/env";
import { open } from "@/lib/security/secret-box";
import { templateSpecsOf } from "@/lib/templates/types";
import { runWorkflow } from "@/lib/workflows/service";

// A call of a webhook trigger: POST /api/hooks/:hookId with the run's parameters as a JSON object.

/** Calls of each user's webhooks in the current minute, in this process. */
const windows = new Map<string, { minute: number; calls: number }>();

/** A user's webhooks share one limit: making more hooks does not buy more calls. */
function assertUnderRateLimit(userId: string, limit: number): void {
  const minute = Math.floor(Date.now() / 60_000);
  const window = windows.get(userId);
  if (!window || window.minute !== minute) {
    // A map of the users whose hooks were called this minute only: older windows go as new ones start.
    if (windows.size > 10_000) windows.clear();
    windows.set(userId, { minute, calls: 1 });
    return;
  }
  window.calls += 1;
  if (window.calls > limit) {
    throw new AppError({
      code: "too_many_requests",
      message: `The webhooks of this trigger's owner take ${limit} calls a minute together; wait for the next minute.`,
      details: { retryAfterSeconds: 60 - Math.floor((Date.now() / 1000) % 60) },
    });
  }
}

/** Whether `header` is `sha256=` and the hex HMAC-SHA256 of the body under the secret, compared in constant time. */
export function signatureMatches(secret: string, body: string, header: string | null): boolean {
  const given = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? "")?.[1];
  if (!given) return false;
  const expected = createHmac("sha256", secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(given, "hex"));
}

/** The body as run parameters: a JSON object (or nothing), with only the names the target takes. */
function runParameters(body: string, known: string[]): Record<string, unknown> {
  const value = parseJsonBody(body) ?? {};
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new AppError({ code: "bad_request", message: "Send the run parameters as a JSON object." });
  const unknown = Object.keys(value).filter((name) => !known.includes(name));
  if (unknown.length) {
    throw new AppError({
      code: "bad_request",
      message: `Unknown run parameter${unknown.length > 1 ? "s" : ""} ${unknown.map((name) => `"${name}"`).join(", ")}: this run takes ${known.map((name) => `"${name}"`).join(", ") || "none"}.`,
      issues: unknown.map((name) => ({
        code: "unknown_parameter",
        message: "is not a parameter of this run",
        path: [name],
      })),
    });
  }
  return value as Record<string, unknown>;
}

/**
 * Starts the run a webhook call asks for, as the user who made the trigger: 404 for an unknown or
 * switched-off hook, 429 past the rate limit, 401 for a signed hook whose signature does not match
 * the body, 400 for parameters the run does not take or that do not fit (nothing starts then).
 */
export async function callHook(
  db: Db,
  env: Env,
  call: { hookId: string; body: string; signature: string | null },
): Promise<{ id: string; status: string }> {
  // A hook id is 32 URL-safe characters; anything else (a NUL byte, say) matches no hook.
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(call.hookId))
    throw new AppError({ code: "not_found", message: "No such webhook." });
  const trigger = await db.trigger.findUnique({
    where: { hookId: call.hookId },
    include: {
      createdBy: { select: { id: true, name: true, email: true, role: true } },
      composition: { select: { compositionId: true, globalParameters: true } },
      workflow: { select: { id: true, template: { select: { parameterSchema: true, outputSchema: true } } } },
    },
  });
  if (!trigger?.enabled) throw new AppError({ code: "not_found", message: "No such webhook." });
  assertUnderRateLimit(trigger.createdBy.id, env.WEBHOOK_RATE_LIMIT);
  if (
    trigger.sealedSecret &&
    !signatureMatches(open(trigger.sealedSecret, keyRing(env)), call.body, call.signature)
  ) {
    throw new AppError({
      code: "unauthorized",
      message:
        "The signature does not match the body: send X-QueryFlow-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with the webhook's secret>.",
    });
  }
  const user = toSessionUser(trigger.createdBy);
  await db.trigger.update({ where: { id: trigger.id }, data: { lastCalledAt: new Date() } });
  if (trigger.composition) {
    const known = Object.keys(trigger.composition.globalParameters as Record<string, unknown>);
    const parameters = runParameters(call.body, known);
    const execution = await startRun(db, user, trigger.composition.compositionId, {
      parameters,
      trigger: "webhook",
    });
    return { id: execution.id, status: execution.status };
  }
  const { parameters: specs } = templateSpecsOf(trigger.workflow!.template);
  const known = specs.map((spec) => spec.name);
  return runWorkflow(db, user, trigger.workflow!.id, "webhook", runParameters(call.body, known));
}
